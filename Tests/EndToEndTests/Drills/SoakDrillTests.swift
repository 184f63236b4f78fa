import AureusCore
import AureusIngest
import AureusTestSupport
import Foundation
import Testing

/// Drill (e), on demand only: a soak at a steady webhook rate with ten dashboards attached.
/// `AUREUS_SOAK_SECONDS=3600 AUREUS_SOAK_RATE=… bench/soak.sh` runs it; without the variable
/// the test is skipped (an hour does not belong in `make test`). Resident memory is sampled
/// once warm (after a tenth of the run) and at the end; growth must stay under 5 %.
extension DashboardEndToEndTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AUREUS_SOAK_SECONDS"] != nil))
    func drillSoakWithTenDashboards() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = Int(environment["AUREUS_SOAK_SECONDS"] ?? "") ?? 60
        let rate = Double(environment["AUREUS_SOAK_RATE"] ?? "") ?? 500
        // Each worker has one request in flight; rates above ~1k/s need more of them.
        let workers = Int(environment["AUREUS_SOAK_WORKERS"] ?? "") ?? 8
        let server = try await ServerProcess()
        defer { server.stop() }
        let signer = try await Self.createSource(server: server, name: "soak", kind: .oura)
        var dashboards: [(TmuxSession, String)] = []
        defer { for (tui, config) in dashboards { Self.cleanUp(tui, config) } }
        for _ in 0..<10 {
            let dashboard = try Self.dashboard(server, arguments: "--theme monochrome", width: 120, height: 40)
            try await dashboard.0.waitFor(text: "Rates")
            dashboards.append(dashboard)
        }
        let load = WebhookLoad(source: "soak", signer: signer, ports: [server.port], rate: rate)
        async let running: Void = load.run(workers: workers)
        try await Task.sleep(for: .seconds(max(5, seconds / 10)))
        let warm = server.residentKiB ?? 0
        let acknowledgedWarm = load.snapshot.acknowledged.count
        try await Task.sleep(for: .seconds(seconds - max(5, seconds / 10)))
        let end = server.residentKiB ?? 0
        load.stop()
        await running
        let sent = load.snapshot.acknowledged.count
        let growth = warm > 0 ? Double(end - warm) / Double(warm) * 100 : 100
        let achieved = Double(sent - acknowledgedWarm) / Double(seconds - max(5, seconds / 10))
        let screen = try await dashboards[9].0.screen()
        let verdict = growth < 5 && screen.contains("soak") ? "PASS" : "FAIL"
        print(
            "drill e (soak \(seconds) s at \(Int(rate))/s asked, \(Int(achieved))/s acknowledged, 10 dashboards): RSS \(warm / 1024) MiB warm → "
                + "\(end / 1024) MiB at the end (\(String(format: "%+.1f", growth)) %) → \(verdict)"
        )
        #expect(growth < 5, "RSS grew \(growth) %")
        #expect(screen.contains("soak"), "the last dashboard no longer shows the soak source")
    }
}
