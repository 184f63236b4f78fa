import AureusCore
import AureusIngest
import AureusProtocol
import AureusTestSupport
import Foundation
import Testing

/// The fault drills of issue 7, short in `make test` and a minute each from bench/drills.sh
/// (`AUREUS_DRILL_SECONDS`). Each prints one verdict line. Part of the serialized end-to-end
/// suite, so their load never overlaps the tmux tests' screens.
extension DashboardEndToEndTests {
    /// Drill (a): two instances on PostgreSQL + Redis under webhook load; one of them is
    /// SIGKILLed every couple of seconds and restarted. Every acknowledged id is stored exactly once.
    @Test func drillKillInstancesUnderLoad() async throws {
        let seconds = Drill.seconds(default: 8)
        let services = try await Drill.Services.start()
        defer { Task { await services.stop() } }
        let arguments = ["--database-url", services.databaseURL, "--redis-url", services.redisURL]
        var instances = [try await ServerProcess(extraArguments: arguments)]
        instances.append(try await ServerProcess(extraArguments: arguments))
        let directories = instances.map(\.dataDirectory)
        defer { for directory in directories { try? FileManager.default.removeItem(atPath: directory) } }
        let signer = try await Self.createSource(server: instances[0], name: "drill-a", kind: .standard)
        let load = WebhookLoad(source: "drill-a", signer: signer, ports: instances.map(\.port))

        var kills = 0
        let start = ContinuousClock.now
        async let running: Void = load.run(workers: 8)
        while ContinuousClock.now - start < .seconds(seconds) {
            try await Task.sleep(for: .seconds(2))
            let victim = kills % 2
            load.setPorts([instances[1 - victim].port])
            await instances[victim].kill9()
            kills += 1
            instances[victim] = try await ServerProcess(dataDirectory: directories[victim], extraArguments: arguments)
            load.setPorts(instances.map(\.port))
        }
        load.stop()
        await running
        for instance in instances { instance.stop() }

        let (counts, lost, twice) = try await Drill.tally(load, databaseURL: services.databaseURL)
        let verdict = lost == 0 && twice == 0 && kills >= 2 ? "PASS" : "FAIL"
        print(
            "drill a (SIGKILL under load, 2 instances, \(seconds) s): \(kills) kills, \(Set(counts.acknowledged).count) acknowledged "
                + "(\(counts.duplicates) as duplicates of a retried delivery), \(counts.refused) refused connections, "
                + "\(counts.unavailable) × 503; lost \(lost), stored twice \(twice) → \(verdict)"
        )
        #expect(kills >= 2)
        #expect(counts.acknowledged.count > 50)
        Drill.expectNothingLost(lost: lost, twice: twice)
    }

    /// Drill (b): PostgreSQL stops under load and comes back 2 s later. Webhooks are refused
    /// with 503 meanwhile (none acknowledged without its commit), service resumes within 5 s
    /// of the database returning, and every acknowledged id is stored exactly once.
    @Test func drillPostgresRestartUnderLoad() async throws {
        let seconds = Drill.seconds(default: 8)
        let services = try await Drill.Services.start()
        defer { Task { await services.stop() } }
        let server = try await ServerProcess(extraArguments: ["--database-url", services.databaseURL])
        defer { server.stop() }
        let signer = try await Self.createSource(server: server, name: "drill-b", kind: .whoop)
        let load = WebhookLoad(source: "drill-b", signer: signer, ports: [server.port])

        async let running: Void = load.run(workers: 8)
        try await Task.sleep(for: .seconds(max(2, seconds / 3)))
        let before = load.snapshot.acknowledged.count
        try await services.postgres("stop")
        let down = ContinuousClock.now
        try await Task.sleep(for: .seconds(2))
        try await services.postgres("start")
        let back = ContinuousClock.now
        // Wait for the first acknowledgement after the database returned (at most 15 s).
        var recovered: ContinuousClock.Instant?
        while ContinuousClock.now - back < .seconds(15), recovered == nil {
            recovered = load.snapshot.acknowledgedTimes.first { $0 > back }
            if recovered == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let remaining = Duration.seconds(seconds) - (ContinuousClock.now - down)
        if remaining > .zero { try await Task.sleep(for: remaining) }
        load.stop()
        await running

        let (counts, lost, twice) = try await Drill.tally(load, databaseURL: services.databaseURL)
        let recovery = recovered.map { $0 - back }
        let recoveryText = recovery.map(Drill.text) ?? "never"
        let verdict = lost == 0 && twice == 0 && (recovery ?? .seconds(99)) <= .seconds(5) ? "PASS" : "FAIL"
        print(
            "drill b (PostgreSQL down 2 s under load, \(seconds) s): \(Set(counts.acknowledged).count) acknowledged "
                + "(\(before) before the stop), \(counts.unavailable) × 503 while down, recovered \(recoveryText) after PostgreSQL returned; "
                + "lost \(lost), stored twice \(twice) → \(verdict)"
        )
        #expect(counts.unavailable > 0, "the outage was not noticed")
        #expect(recovery != nil && recovery! <= .seconds(5), "recovery took \(recoveryText), target ≤ 5 s")
        Drill.expectNothingLost(lost: lost, twice: twice)
    }

    /// Drill (c): Redis stops under load on two instances and comes back. Ingestion carries on
    /// (dedup falls back to the store), both instances report Redis degraded then up again
    /// within 5 s of its return, and every acknowledged id is stored exactly once.
    @Test func drillRedisStopUnderLoad() async throws {
        let seconds = Drill.seconds(default: 8)
        let services = try await Drill.Services.start()
        defer { Task { await services.stop() } }
        let redis = try await ScratchRedis()
        defer { Task { await redis.stop() } }
        let arguments = ["--database-url", services.databaseURL, "--redis-url", redis.url]
        let a = try await ServerProcess(extraArguments: arguments)
        defer { a.stop() }
        let b = try await ServerProcess(extraArguments: arguments)
        defer { b.stop() }
        let signer = try await Self.createSource(server: a, name: "drill-c", kind: .terra)
        let load = WebhookLoad(source: "drill-c", signer: signer, ports: [a.port, b.port])

        async let running: Void = load.run(workers: 8)
        try await Task.sleep(for: .seconds(max(2, seconds / 3)))
        await redis.kill()
        let duringStart = load.snapshot.acknowledged.count
        try await Task.sleep(for: .seconds(2))
        let during = load.snapshot.acknowledged.count - duringStart
        let stateA = try await Self.redisState(a)
        let stateB = try await Self.redisState(b)
        let degraded = stateA == "degraded" && stateB == "degraded"
        try await redis.start()
        let back = ContinuousClock.now
        var recovery: Duration?
        while ContinuousClock.now - back < .seconds(15) {
            if try await Self.redisState(a) == "up", try await Self.redisState(b) == "up" {
                recovery = ContinuousClock.now - back
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let remaining = Duration.seconds(seconds) - (ContinuousClock.now - back) - .seconds(2)
        if remaining > .zero { try await Task.sleep(for: remaining) }
        load.stop()
        await running

        let (counts, lost, twice) = try await Drill.tally(load, databaseURL: services.databaseURL)
        let verdict = lost == 0 && twice == 0 && degraded && during > 0 && (recovery ?? .seconds(99)) <= .seconds(5) ? "PASS" : "FAIL"
        print(
            "drill c (Redis down 2 s under load, 2 instances, \(seconds) s): \(Set(counts.acknowledged).count) acknowledged, "
                + "\(during) of them while Redis was down, both reported degraded=\(degraded), both up again after "
                + "\(recovery.map(Drill.text) ?? "never"); lost \(lost), stored twice \(twice) → \(verdict)"
        )
        #expect(degraded, "an instance did not report Redis degraded")
        #expect(during > 0, "ingestion stopped while Redis was down")
        #expect(recovery != nil && recovery! <= .seconds(5), "Redis recovery took \(String(describing: recovery))")
        Drill.expectNothingLost(lost: lost, twice: twice)
    }

    /// The `redis` state `server` reports in its `/ready` answer.
    static func redisState(_ server: ServerProcess) async throws -> String? {
        let (_, response) = try await HTTPProbe.get(host: "127.0.0.1", port: server.port, path: "/ready")
        guard let split = response.range(of: "\r\n\r\n") else { return nil }
        let json = try JSONParser.parse(String(response[split.upperBound...]))
        return json["dependencies"]?["redis"]?.stringValue
    }
}
