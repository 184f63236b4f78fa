import AureusProtocol
import AureusTestSupport
import Foundation
import Testing

extension DashboardEndToEndTests {
    /// A script submits requests; a second `aureus`, logged in as an approver with a key made by
    /// `aureus keys init`, approves from the keyboard; the first dashboard sees the request leave
    /// the queue; `aureus verify` accepts the token offline and refuses a tampered expectation.
    @Test func approverDecidesFromTheKeyboardAndTheTokenVerifiesOffline() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-e2e-approvals-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let passwordFile = scratch + "/password"
        try "correct horse\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let bin = ServerProcess.binDirectory + "/aureus"
        /// Runs `aureus` as `user` with its own config directory (sessions and keys stay apart).
        func aureus(_ user: String, _ arguments: [String]) async throws -> String {
            let password = user == "admin" ? server.adminPasswordFile : passwordFile
            return try await Shell.runOffPool(
                "env",
                ["XDG_CONFIG_HOME=\(scratch)/\(user)", bin] + arguments + ["--server", server.url, "--user", user, "--password-file", password]
            )
        }
        func call(_ user: String, _ method: String, _ params: JSONValue) async throws -> JSONValue {
            try JSONParser.parse(Array(try await aureus(user, ["call", method, CanonicalJSON.string(params)]).utf8))
        }

        _ = try await call("admin", "users.create", ["username": "sam", "password": "correct horse", "role": "analyst"])
        _ = try await call("admin", "users.create", ["username": "bob", "password": "correct horse", "role": "approver"])
        let created = try await Shell.runOffPool("env", ["XDG_CONFIG_HOME=\(scratch)/bob", bin, "keys", "init"])
        #expect(created.contains("public key:"))
        let keyFile = scratch + "/bob/aureus/approver-key.json"
        #expect((try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int) == 0o600)
        let registered = try await aureus("bob", ["keys", "register"])
        let keyID = try #require(registered.split(separator: " ").first { $0.hasPrefix("ak-") }.map(String.init))
        _ = try await call("admin", "keys.confirm", ["keyID": .string(keyID)])

        // The first dashboard (admin) watches the queue.
        let (watcher, watcherConfig) = try Self.dashboard(server)
        defer { Self.cleanUp(watcher, watcherConfig) }
        try await watcher.waitFor(text: "auth.login")
        try await watcher.press("2")
        try await watcher.waitFor(text: "No pending requests")

        let medium = try await call(
            "sam",
            "approvals.submit",
            ["type": "payment", "payload": ["amount": 5000, "currency": "EUR", "recipient": "ACME"], "reason": "e2e medium invoice"]
        )
        let mediumID = try #require(medium["id"]?.stringValue)
        let high = try await call(
            "sam",
            "approvals.submit",
            ["type": "payment", "payload": ["amount": 25000, "currency": "EUR", "recipient": "Big Corp"], "reason": "e2e high invoice"]
        )
        try await watcher.waitFor("both requests in the watcher's queue") { $0.contains("e2e medium invoice") && $0.contains("e2e high invoice") }

        // The approver's dashboard.
        let approver = try TmuxSession(
            command: "\(bin) --server \(server.url) --user bob --password-file \(passwordFile)",
            width: 160,
            height: 48,
            environment: ["XDG_CONFIG_HOME": scratch + "/bob", "TERM": "xterm-256color"]
        )
        defer { approver.kill() }
        try await approver.waitFor(text: "bob (approver)")
        try await approver.press("2")
        // Focused (the help bar offers the decision keys), with the queue high risk first.
        let queue = try await approver.waitFor("the focused queue, high risk first") { screen in
            guard screen.contains("a approve"), let highRow = screen.range(of: "e2e high invoice"),
                let mediumRow = screen.range(of: "e2e medium invoice")
            else { return false }
            return highRow.lowerBound < mediumRow.lowerBound
        }
        #expect(queue.contains("r reject"))

        // High risk: a reason, then a confirmation dialog that repeats the request.
        try await approver.press("a")
        try await approver.waitFor(text: "Reason to approve")
        try await approver.type("checked the contract")
        try await approver.press("Enter")
        let dialog = try await approver.waitFor(text: "Approve this high-risk request? y/N")
        #expect(dialog.contains("recipient=Big Corp") && dialog.contains("reason: checked the contract"))
        try await approver.press("y")
        try await watcher.waitFor("1 of 2 approvals on the high-risk request") { $0.contains("1/2") && $0.contains("e2e high invoice") }

        // Medium risk: one key press approves; the request leaves both queues.
        try await approver.press("j")
        try await approver.press("a")
        try await watcher.waitFor("the medium request to leave the queue") { !$0.contains("e2e medium invoice") && $0.contains("e2e high invoice") }
        try await approver.waitFor("the approver's queue to update") { !$0.contains("e2e medium invoice") }

        // The token verifies offline against the published keys.
        let approved = try await call("sam", "approvals.get", ["id": .string(mediumID)])
        #expect(approved["status"] == "approved")
        let token = try #require(approved["token"]?.stringValue)
        let (status, response) = try await HTTPProbe.get(host: "127.0.0.1", port: server.port, path: "/v1/public-keys")
        #expect(status == 200)
        let keysFile = scratch + "/keys.json"
        try (response.components(separatedBy: "\r\n\r\n").last ?? "").write(toFile: keysFile, atomically: true, encoding: .utf8)
        let verified = try await Shell.runOffPool(bin, ["verify", token, "--keys", keysFile])
        #expect(verified.hasPrefix("valid") && verified.contains(mediumID) && verified.contains("bob"))
        do {
            _ = try await Shell.runOffPool(bin, ["verify", token, "--keys", keysFile, "--payload-sha256", String(repeating: "0", count: 64)])
            Issue.record("a token for another payload was accepted")
        } catch let error as ShellError {
            #expect("\(error)".contains("invalid: payload_mismatch"))
        }
        #expect(high["status"] == "pending")
    }
}
