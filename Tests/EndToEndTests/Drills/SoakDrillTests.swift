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
        // Each worker has one request in flight on its own keep-alive connection.
        let workers = Int(environment["AUREUS_SOAK_WORKERS"] ?? "") ?? 8
        let server = try await ServerProcess()
        defer { server.stop() }
        var dashboards: [(TmuxSession, String)] = []
        defer { for (tui, config) in dashboards { Self.cleanUp(tui, config) } }
        for _ in 0..<10 {
            let dashboard = try Self.dashboard(server, arguments: "--theme monochrome", width: 120, height: 40)
            try await dashboard.0.waitFor(text: "Rates")
            dashboards.append(dashboard)
        }
        // The load runs in the release-built `aureus-bench` (signing as it goes, keep-alive
        // connections): the debug test binary could not sign thousands of webhooks a second.
        let result = server.dataDirectory + ".load"
        let command = [
            ServerProcess.binDirectory + "/aureus-bench", "webhook-load", "--url", server.url, "--password-file",
            server.dataDirectory + "/initial-admin-password", "--kind", "oura", "--rate", "\(rate)", "--workers", "\(workers)",
            "--seconds", "\(seconds)", "--result", result,
        ]
        async let exitStatus = offPool { Spawn.runAndWait(command) }
        try await Task.sleep(for: .seconds(max(5, seconds / 10)))
        let warm = server.residentKiB ?? 0
        try await Task.sleep(for: .seconds(seconds - max(5, seconds / 10)))
        let end = server.residentKiB ?? 0
        let status = try await exitStatus
        let summary = (try? String(contentsOfFile: result, encoding: .utf8)) ?? ""
        let acknowledged = summary.split(separator: " ").first { $0.hasPrefix("acknowledged=") }.flatMap { Int($0.dropFirst(13)) } ?? 0
        let growth = warm > 0 ? Double(end - warm) / Double(warm) * 100 : 100
        let screen = try await dashboards[9].0.screen()
        let verdict = growth < 5 && screen.contains("bench-oura") && acknowledged > 0 ? "PASS" : "FAIL"
        print(
            "drill e (soak \(seconds) s at \(Int(rate))/s asked, \(acknowledged / max(1, seconds))/s acknowledged, 10 dashboards): RSS \(warm / 1024) MiB warm → "
                + "\(end / 1024) MiB at the end (\(String(format: "%+.1f", growth)) %) → \(verdict)"
        )
        #expect(status == 0, "aureus-bench webhook-load exited \(status): \(summary)")
        #expect(acknowledged > 0, "no webhook was acknowledged: \(summary)")
        #expect(growth < 5, "RSS grew \(growth) %")
        #expect(screen.contains("bench-oura"), "the last dashboard no longer shows the soak source")
    }
}
