import AureusCore
import AureusIngest
import AureusProtocol
import AureusTestSupport
import Foundation
import Testing

/// The TUI on instance A shows what instance B ingested, and says when Redis is down.
extension DashboardEndToEndTests {
    @Test func dashboardOnOneInstanceSeesWebhooksPostedToAnother() async throws {
        guard let adminURL = try TestPostgres.adminURL() else { return }
        let redis = try await ScratchRedis()
        defer { Task { await redis.stop() } }
        try await TestPostgres.withDatabase(adminURL: adminURL) { database in
            let arguments = ["--database-url", database, "--redis-url", redis.url]
            let a = try await ServerProcess(extraArguments: arguments)
            defer { a.stop() }
            let b = try await ServerProcess(extraArguments: arguments)
            defer { b.stop() }
            let (tui, config) = try Self.dashboard(a, arguments: "--theme monochrome")
            defer { Self.cleanUp(tui, config) }
            try await tui.waitFor("the dashboard with Redis linked") { $0.contains("Rates") && !$0.contains("redis degraded") }

            // A source created on B and a webhook posted to B: the audit and rates panes on A show both.
            let signer = try await Self.createSource(server: b, name: "crossing", kind: .standard, password: try a.adminPassword)
            let now = Self.wallClock()
            let (body, eventID) = DemoPayloads.make(kind: .standard, seed: 77, time: now)
            let (status, _) = try await HTTPProbe.post(
                host: "127.0.0.1",
                port: b.port,
                path: "/v1/webhooks/crossing",
                headers: signer.headers(body: body, eventID: eventID, time: now),
                body: body
            )
            #expect(status == 200)
            let screen = try await tui.waitFor("B's webhook in A's rates pane") { screen in
                screen.contains("crossing") && (screen.contains("stored 1") || screen.contains("sto 1"))
            }
            #expect(screen.contains("sources.create"))

            // Redis goes away: the status bar on A says so, then clears once it is back.
            await redis.kill()
            try await tui.waitFor("the degraded Redis in the status bar") { $0.contains("▲ redis degraded") }
            try await redis.start()
            try await tui.waitFor("the status bar clear again") { !$0.contains("redis degraded") }
        }
    }
}
