import AureusClient
import AureusProtocol
import AureusTestSupport
import Foundation
import Logging
import Testing

/// The real binaries in a real terminal: `aureusd` on a fresh embedded store, `aureus` under
/// tmux. The test types like a person (send-keys) and reads the screen (capture-pane).
@Suite("End to end under tmux", .serialized)
struct DashboardEndToEndTests {
    @Test func loginActionAndAuditPane() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let (tui, config) = try Self.dashboard(server, loggedIn: false, arguments: "--theme monochrome")
        defer { Self.cleanUp(tui, config) }

        // The login prompt, typed by hand.
        try await tui.waitFor(text: "Username")
        try await tui.type("admin")
        try await tui.press("Enter")
        try await tui.waitFor(text: "Password")
        try await tui.type(try server.adminPassword)
        try await tui.press("Enter")

        // The dashboard: status bar with user and role, the audit pane showing the login.
        let dashboard = try await tui.waitFor("dashboard with the login in the audit pane") { $0.contains("auth.login") && $0.contains("admin") }
        #expect(dashboard.contains("admin"))
        #expect(dashboard.contains("no neural source running"))
        #expect(dashboard.contains("Audit") && dashboard.contains("Rates") && dashboard.contains("Spikes"))
        // The token cache is private to the user.
        let attributes = try FileManager.default.attributesOfItem(atPath: config + "/aureus/session.json")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // An action by another client appears live in the audit pane.
        let token = try #require(Self.cachedToken(config: config, url: server.url))
        var logger = Logger(label: "e2e")
        logger.logLevel = .critical
        let connection = AureusConnection(url: server.url, token: token, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await connection.run() }
            defer { group.cancelAll() }
            for await event in connection.events {
                if case .state(.connected) = event { break }
            }
            let _: UserInfo = try await connection.call("users.create", UsersCreateParams(username: "bob", password: "correct horse", role: .analyst))
        }
        try await tui.waitFor("users.create for bob") { $0.contains("users.create") && $0.contains("bob") }

        // Filter the audit pane, open the detail view, back out, quit.
        try await tui.press("3")
        try await tui.press("/")
        try await tui.type("bob")
        try await tui.press("Enter")
        let filtered = try await tui.waitFor("the filter to hide the login") { !$0.contains("auth.login") && $0.contains("bob") }
        #expect(filtered.contains("users.create"))
        try await tui.press("Enter")
        let detail = try await tui.waitFor("the detail view") { $0.lowercased().contains("hash") }
        #expect(detail.contains("bob"))
        try await tui.press("Escape")
        try await tui.press("q")
        try await Self.waitForExit(tui)
    }

    @Test func tooSmallTerminalSaysSo() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let (tui, config) = try Self.dashboard(server, width: 50, height: 12)
        defer { Self.cleanUp(tui, config) }
        let screen = try await tui.waitFor(text: "need")
        #expect(screen.contains("have 50×12"))
        try await Shell.runOffPool("tmux", ["resize-window", "-t", tui.name, "-x", "140", "-y", "40"])
        let resized = try await tui.waitFor(text: "auth.login")
        #expect(resized.contains("╭"), "the default theme's rounded borders should render as UTF-8")
        try await tui.press("C-c")
        try await tui.waitFor(text: "Quit")
        try await tui.press("y")
        try await Self.waitForExit(tui)
    }

    @Test func simulatedWebhooksShowUpInTheRatesPane() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let (tui, config) = try Self.dashboard(server)
        defer { Self.cleanUp(tui, config) }
        try await tui.waitFor(text: "No webhook traffic yet")
        // The real simulator: creates a source of every kind and posts signed webhooks.
        try await Shell.runOffPool(
            ServerProcess.binDirectory + "/aureusd",
            ["simulate", "--server", server.url, "--password-file", server.adminPasswordFile, "--rate", "40", "--duration", "2", "--prefix", "e2e"]
        )
        let screen = try await tui.waitFor("every kind in the rates pane") { screen in
            ["e2e-oura", "e2e-whoop", "e2e-terra", "e2e-standard"].allSatisfy(screen.contains) && screen.contains("heart_rate")
        }
        #expect(screen.contains("/s"))
        #expect(screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "no sparkline dots")
        try await tui.press("q")
        try await Self.waitForExit(tui)
    }

    /// A killed terminal (tmux pane gone, SSH dropped) must end aureus, not leave it spinning.
    @Test func closingTheTerminalEndsTheClient() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let (tui, config) = try Self.dashboard(server)
        defer { try? FileManager.default.removeItem(atPath: config) }
        try await tui.waitFor(text: "auth.login")
        let pattern = "aureus --server \(server.url)"
        #expect(!(try await Shell.runOffPool("pgrep", ["-f", pattern])).isEmpty)
        tui.kill()
        let deadline = ContinuousClock.now + .seconds(5)
        var alive = true
        while alive, ContinuousClock.now < deadline {
            alive = (try? await Shell.runOffPool("pgrep", ["-f", pattern])) != nil
            if alive { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(!alive, "aureus kept running after its terminal was closed")
        if alive { _ = try? await Shell.runOffPool("pkill", ["-9", "-f", pattern]) }
    }

    /// `aureus` under tmux against `server` with a private XDG config directory; logged in as
    /// the bootstrap admin from its password file unless `loggedIn` is false (then it prompts).
    static func dashboard(
        _ server: ServerProcess,
        loggedIn: Bool = true,
        arguments: String = "",
        width: Int = 160,
        height: Int = 48
    ) throws -> (TmuxSession, String) {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-e2e-config-\(UUID().uuidString)").path
        let login = loggedIn ? " --user admin --password-file \(server.adminPasswordFile)" : ""
        let tui = try TmuxSession(
            command: "\(ServerProcess.binDirectory)/aureus --server \(server.url)\(login) \(arguments)",
            width: width,
            height: height,
            environment: ["XDG_CONFIG_HOME": config, "TERM": "xterm-256color"]
        )
        return (tui, config)
    }

    static func cleanUp(_ tui: TmuxSession, _ config: String) {
        tui.kill()
        try? FileManager.default.removeItem(atPath: config)
    }

    static func cachedToken(config: String, url: String) -> String? {
        guard let data = FileManager.default.contents(atPath: config + "/aureus/session.json"),
            let value = try? JSONParser.parse(Array(data))
        else { return nil }
        return value[url]?.stringValue
    }

    /// The wrapper shell sleeps after aureus exits, so "exited" means the dashboard is gone.
    static func waitForExit(_ tui: TmuxSession) async throws {
        try await tui.waitFor("aureus to exit") { !$0.contains("auth.login") }
    }
}
