import AureusCore
import AureusIngest
import AureusProtocol
import AureusServer
import AureusTestSupport
import Foundation
import Testing

/// Several instances on one PostgreSQL and one Redis: live topics cross instances, and a Redis
/// outage degrades to local fan-out with a visible state, then recovers by itself.
@Suite("Several aureusd instances on one PostgreSQL and Redis", .serialized)
struct ClusterTests {
    /// Reads events on `socket` until one on `topic` satisfies `predicate`, for up to `seconds`.
    static func event(
        on socket: RawWebSocket,
        topic: String,
        within seconds: Int = 10,
        where predicate: @escaping @Sendable (JSONValue) -> Bool
    ) async throws -> JSONValue {
        try await withThrowingTaskGroup(of: JSONValue?.self) { group in
            group.addTask {
                while true {
                    let message = try await socket.receiveJSON()
                    guard message["method"] == "event", message["params"]?["topic"]?.stringValue == topic, let data = message["params"]?["data"]
                    else { continue }
                    if predicate(data) { return data }
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let found = try await group.next() ?? nil else { throw TestFailure("no matching \(topic) event within \(seconds) s") }
            return found
        }
    }

    /// Polls `server.status` until `dependency` is in `state`; returns how long that took.
    @discardableResult
    static func status(_ socket: RawWebSocket, _ dependency: String, reaches state: String, within seconds: Int = 10) async throws -> Duration {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(seconds) {
            let status = try await socket.call("server.status").get()
            let entry = status["dependencies"]?.arrayValue?.first { $0["name"]?.stringValue == dependency }
            if entry?["state"]?.stringValue == state { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("\(dependency) did not become \(state) within \(seconds) s")
    }

    static func login(_ server: TestServer, password: String) async throws -> RawWebSocket {
        let socket = try await RawWebSocket.connect(url: server.url)
        _ = try await socket.call("auth.login", ["username": "admin", "password": .string(password)]).get()
        return socket
    }

    @Test func liveTopicsReachClientsOfTheOtherInstance() async throws {
        guard let adminURL = try TestPostgres.adminURL(), let redis = try TestRedis.url() else { return }
        let namespace = "c" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try await TestPostgres.withDatabase(adminURL: adminURL) { database in
            try await TestServer.with(databaseURL: database, redisURL: redis, redisNamespace: namespace) { a in
                let password = try a.adminPassword
                try await TestServer.with(databaseURL: database, redisURL: redis, redisNamespace: namespace) { b in
                    let watcher = try await Self.login(a, password: password)
                    let actor = try await Self.login(b, password: password)
                    try await Self.status(watcher, "redis", reaches: "up")
                    try await Self.status(actor, "redis", reaches: "up")
                    let statusA = try await watcher.call("server.status").get()
                    let statusB = try await actor.call("server.status").get()
                    #expect(statusA["instance"] != statusB["instance"], "each instance has its own id")
                    _ = try await watcher.call("subscribe", ["topics": ["audit", "rates", "approvals", "spikes"]]).get()

                    // audit: an admin action on B is appended once, to the one chain, and pushed to A's client.
                    let signer = try await WebhookIngestTests.makeSource(actor, name: "cluster", kind: .standard)
                    let audit = try await Self.event(on: watcher, topic: "audit") { $0["action"] == "sources.create" }
                    #expect(audit["actor"] == "admin")

                    // rates: a webhook ingested by B shows in A's rates, counted once.
                    let (status, _) = try await WebhookIngestTests.post(b, source: "cluster", signer: signer, seed: 42)
                    #expect(status == 200)
                    let rates = try await Self.event(on: watcher, topic: "rates") { $0["totals"]?["stored"] == 1 }
                    #expect(rates["series"]?.arrayValue?.contains { $0["source"] == "cluster" } == true)
                    let merged = try await watcher.call("rates.snapshot").get()
                    #expect(merged["totals"]?["stored"] == 1, "A's snapshot includes B's webhook exactly once")

                    // One person, one pseudonym, whichever instance took the webhook: the key is
                    // shared through the database (seed 49 is the same demo user as seed 42).
                    let terra = try await WebhookIngestTests.makeSource(actor, name: "cluster-terra", kind: .terra)
                    let (terraOnB, _) = try await WebhookIngestTests.post(b, source: "cluster-terra", signer: terra, seed: 42)
                    let (terraOnA, _) = try await WebhookIngestTests.post(a, source: "cluster-terra", signer: terra, seed: 49)
                    #expect(terraOnB == 200 && terraOnA == 200)
                    let people = try await watcher.call("query.run", ["sql": "SELECT COUNT(DISTINCT user_pseudonym), COUNT(*) FROM biometrics"]).get()
                    let row = people["rows"]?.arrayValue?.first?.arrayValue
                    #expect(row?.first?.intValue == 1, "samples from both instances must share one pseudonym: \(people)")
                    #expect((row?.last?.intValue ?? 0) >= 2, "both webhooks stored samples: \(people)")

                    // approvals: submitted on B, seen live on A.
                    let submitted = try await actor.call("approvals.submit", ApprovalSamples.payment(500)).get()
                    let id = try #require(submitted["id"]?.stringValue)
                    let seen = try await Self.event(on: watcher, topic: "approvals") { $0["id"]?.stringValue == id }
                    #expect(seen["status"] == submitted["status"])

                    // spikes: a source running on B streams frames to A's client.
                    let started = try await actor.call(
                        "neural.sources.start",
                        ["kind": "synthetic", "speed": 4, "synthetic": ["channels": 4, "sampleRate": 20000, "units": 3, "seconds": 2, "seed": 3]]
                    ).get()
                    let stream = try #require(started["id"]?.stringValue)
                    let frame = try await Self.event(on: watcher, topic: "spikes") { $0["stream"]?.stringValue == stream }
                    #expect(frame["channelCount"] == 4)
                    _ = try await actor.call("neural.sources.stop", ["id": .string(stream)]).get()

                    // The chain written by both instances verifies.
                    let verified = try await watcher.call("audit.verify").get()
                    #expect(verified["ok"] == true)
                    await watcher.close()
                    await actor.close()
                }
            }
        }
    }

    @Test func redisOutageDegradesToLocalThenRecovers() async throws {
        let redis = try await ScratchRedis()
        defer { Task { await redis.stop() } }
        try await TestServer.with(redisURL: redis.url) { server in
            let admin = try await server.connect(as: .admin)
            try await Self.status(admin, "redis", reaches: "up")
            // A second connection watches: `call` skips the events that arrive before its answer.
            let watcher = try await server.connect(as: .viewer)
            _ = try await watcher.call("subscribe", ["topics": ["status", "audit"]]).get()
            let signer = try await WebhookIngestTests.makeSource(admin, name: "outage", kind: .whoop)

            await redis.kill()
            let degraded = try await Self.event(on: watcher, topic: "status") { status in
                status["dependencies"]?.arrayValue?.contains { $0["name"] == "redis" && $0["state"] == "degraded" } == true
            }
            #expect(degraded["dependencies"]?.arrayValue?.contains { $0["name"] == "store" && $0["state"] == "up" } == true)

            // Without Redis: webhooks are stored and deduplicated by the store's index, and
            // live events still reach this instance's clients.
            #expect(try await WebhookIngestTests.post(server, source: "outage", signer: signer, seed: 9).1.contains(#""duplicate":false"#))
            #expect(try await WebhookIngestTests.post(server, source: "outage", signer: signer, seed: 9).1.contains(#""duplicate":true"#))
            _ = try await admin.call("sources.create", ["name": "during-outage", "kind": "standard"]).get()
            _ = try await Self.event(on: watcher, topic: "audit") {
                $0["action"] == "sources.create" && CanonicalJSON.string($0).contains("during-outage")
            }

            try await redis.start()
            let recovery = try await Self.status(admin, "redis", reaches: "up", within: 10)
            #expect(recovery < .seconds(5), "redis recovered after \(recovery), target ≤ 5 s")
            let rates = try await admin.call("rates.snapshot").get()
            #expect(rates["totals"]?["stored"] == 1 && rates["rejections"]?["duplicates"] == 1)
            await watcher.close()
            await admin.close()
        }
    }
}
