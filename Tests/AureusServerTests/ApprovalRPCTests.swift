import AureusCore
import AureusCrypto
import AureusProtocol
import AureusTestSupport
import Foundation
import Testing

@Suite("Approvals over RPC")
struct ApprovalRPCTests {
    @Test func highRiskNeedsTwoDistinctApproversThenTheTokenVerifies() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let watcher = try await server.connect(as: .viewer)
            _ = try await watcher.call("subscribe", ["topics": ["approvals"]]).get()
            let analyst = try await server.connect(as: .analyst)
            let alice = try await TestApprover.make("alice", on: server, admin: admin)
            let bob = try await TestApprover.make("bob", on: server, admin: admin)

            let submitted = try await analyst.call("approvals.submit", ApprovalSamples.payment(25_000)).get()
            #expect(submitted["risk"] == "high" && submitted["rule"] == "large_payment")
            #expect(submitted["requiredApprovals"] == 2 && submitted["status"] == "pending")
            let id = submitted["id"]?.stringValue ?? ""
            #expect(id.hasPrefix("apr-"))
            // The watcher sees the submission on the approvals topic.
            var seen: JSONValue?
            while seen == nil {
                let message = try await watcher.receiveJSON()
                if message["params"]?["topic"] == "approvals", message["params"]?["data"]?["id"]?.stringValue == id {
                    seen = message["params"]?["data"]
                }
            }
            #expect(seen?["status"] == "pending" && seen?["token"] == nil)

            let now = server.clock.now()
            // High risk: a reason is required even to approve.
            #expect(try await alice.decide(submitted, .approve, time: now).failureCode == .invalidParams)
            let first = try await alice.decide(submitted, .approve, reason: "checked the invoice", time: now).get()
            #expect(first["status"] == "pending" && first["approvals"] == 1 && first["token"] == nil)
            // The same approver again: conflict.
            #expect(try await alice.decide(submitted, .approve, reason: "again", time: now).failureCode == .conflict)
            let second = try await bob.decide(submitted, .approve, reason: "ok", time: now).get()
            #expect(second["status"] == "approved" && second["approvals"] == 2)
            let token = try #require(second["token"]?.stringValue)

            // Online verification: valid, then payload mismatch, then revoked.
            let valid = try await verify(server, ["token": .string(token), "payload": ApprovalSamples.payment(25_000)["payload"] ?? .null])
            #expect(valid["valid"] == true && valid["request_id"]?.stringValue == id)
            #expect(valid["approvers"] == ["alice", "bob"])
            let mismatch = try await verify(server, ["token": .string(token), "payload": ApprovalSamples.payment(1)["payload"] ?? .null])
            #expect(mismatch["valid"] == false && mismatch["reason"] == "payload_mismatch")
            // Too late for further decisions.
            let carol = try await TestApprover.make("carol", on: server, admin: admin)
            #expect(try await carol.decide(submitted, .reject, reason: "late", time: now).failureCode == .conflict)

            _ = try await admin.call("approvals.revoke", ["id": .string(id), "reason": "wrong vendor"]).get()
            let revoked = try await verify(server, ["token": .string(token)])
            #expect(revoked["valid"] == false && revoked["reason"] == "revoked")

            // Every step is in the audit trail, and the chain verifies.
            let tail = try await admin.call("audit.tail", ["limit": 100]).get()
            let events = tail["events"]?.arrayValue ?? []
            let actions = Set(events.compactMap { $0["action"]?.stringValue })
            for action in ["approvals.submit", "approvals.decide", "approvals.revoke", "keys.register", "keys.confirm"] {
                #expect(actions.contains(action), "missing audit action \(action)")
            }
            // The deciding call's event carries the outcome: approved, by whom, under which keys.
            let deciding = events.first { $0["action"] == "approvals.decide" && $0["summary"]?["result"]?["status"] == "approved" }
            #expect(deciding?["target"]?.stringValue == id && deciding?["actor"] == "bob")
            #expect(deciding?["summary"]?["result"]?["approvers"] == ["alice", "bob"])
            #expect(deciding?["summary"]?["result"]?["approver_key_id"]?.stringValue == bob.keyID)
            #expect(deciding?["summary"]?["result"]?["server_key_id"]?.stringValue?.hasPrefix("srv-") == true)
            #expect(deciding?["summary"]?["result"]?["token"] == nil)
            let submitEvent = events.first { $0["action"] == "approvals.submit" }
            #expect(submitEvent?["target"]?.stringValue == id && submitEvent?["summary"]?["result"]?["risk"] == "high")
            #expect(try await admin.call("audit.verify").get()["ok"] == true)
            for socket in [admin, watcher, analyst, alice.socket, bob.socket, carol.socket] { await socket.close() }
        }
    }

    @Test func autoApprovalSignsAToken() async throws {
        try await TestServer.with { server in
            let analyst = try await server.connect(as: .analyst)
            let check = try await analyst.call("policy.check", ["type": "payment", "payload": ApprovalSamples.payment(50)["payload"] ?? .null]).get()
            #expect(check["risk"] == "low" && check["autoApproved"] == true && check["generation"] == 1)
            let submitted = try await analyst.call("approvals.submit", ApprovalSamples.payment(50)).get()
            #expect(submitted["status"] == "approved" && submitted["requiredApprovals"] == 0)
            let token = try #require(submitted["token"]?.stringValue)
            let verdict = try await verify(server, ["token": .string(token)])
            #expect(verdict["valid"] == true && verdict["approvers"] == [])
            await analyst.close()
        }
    }

    @Test func decisionsAreRefusedForTheRightReasons() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let alice = try await TestApprover.make("alice", on: server, admin: admin)
            // An approver who submits cannot decide their own request.
            let own = try await alice.socket.call("approvals.submit", ApprovalSamples.payment(5_000)).get()
            #expect(own["risk"] == "medium")
            #expect(try await alice.decide(own, .approve, time: server.clock.now()).failureCode == .forbidden)

            let analyst = try await server.connect(as: .analyst)
            let request = try await analyst.call("approvals.submit", ApprovalSamples.payment(5_000)).get()
            let now = server.clock.now()
            // Signed by another key than the confirmed one.
            let forged = alice.decision(request, .approve, time: now, signer: Ed25519.KeyPair())
            #expect(try await alice.socket.call("approvals.decide", forged).failureCode == .forbidden)
            // Signed for another approver id than the caller (a replayed decision).
            let replayed = alice.decision(request, .approve, time: now, approverID: "mallory")
            #expect(try await alice.socket.call("approvals.decide", replayed).failureCode == .forbidden)
            // A time far from the server's clock.
            #expect(try await alice.decide(request, .approve, time: now.adding(milliseconds: 600_000)).failureCode == .invalidParams)
            // Rejection without a reason.
            #expect(try await alice.decide(request, .reject, time: now).failureCode == .invalidParams)
            // No confirmed key yet.
            _ = try await admin.call("users.create", ["username": "dave", "password": "correct horse", "role": "approver"]).get()
            let dave = try await RawWebSocket.connect(url: server.url)
            _ = try await dave.call("auth.login", ["username": "dave", "password": "correct horse"]).get()
            let daveKey = Ed25519.KeyPair()
            let registered = try await dave.call("keys.register", ["publicKey": .string(Base64.encode(daveKey.publicKey.bytes))]).get()
            #expect(registered["status"] == "pending")
            let daveApprover = TestApprover(name: "dave", socket: dave, key: daveKey, keyID: registered["keyID"]?.stringValue ?? "")
            #expect(try await daveApprover.decide(request, .approve, time: now).failureCode == .forbidden)
            // A rejection with a reason decides the request.
            let rejected = try await alice.decide(request, .reject, reason: "duplicate invoice", time: now).get()
            #expect(rejected["status"] == "rejected" && rejected["token"] == nil)
            // Revoked keys stop working.
            _ = try await alice.socket.call("keys.revoke", ["keyID": .string(alice.keyID)]).get()
            let next = try await analyst.call("approvals.submit", ApprovalSamples.payment(5_000)).get()
            #expect(try await alice.decide(next, .approve, time: now).failureCode == .forbidden)
            for socket in [admin, analyst, alice.socket, dave] { await socket.close() }
        }
    }

    @Test func pendingRequestsExpireAndAreAudited() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let alice = try await TestApprover.make("alice", on: server, admin: admin)
            let analyst = try await server.connect(as: .analyst)
            // A short pending TTL (sessions last an hour; the default TTL would end them too).
            let policy = ApprovalPolicy.defaultText.replacingOccurrences(of: "ttl_seconds = 3600", with: "ttl_seconds = 60")
            try policy.write(toFile: server.dataDirectory + "/approval-policy.toml", atomically: true, encoding: .utf8)
            _ = try await admin.call("policy.reload").get()
            let request = try await analyst.call("approvals.submit", ApprovalSamples.payment(5_000)).get()
            let id = request["id"]?.stringValue ?? ""
            server.clock.advance(milliseconds: 60_000)
            // The sweep runs every second on the server's (manual) clock.
            var status = ""
            for _ in 0..<50 where status != "expired" {
                try await Task.sleep(for: .milliseconds(100))
                status = try await analyst.call("approvals.get", ["id": .string(id)]).get()["status"]?.stringValue ?? ""
            }
            #expect(status == "expired")
            #expect(try await alice.decide(request, .approve, time: server.clock.now()).failureCode == .conflict)
            let tail = try await admin.call("audit.tail", ["limit": 50, "action": "approval.expired"]).get()
            #expect(tail["events"]?.arrayValue?.first?["target"]?.stringValue == id)
            for socket in [admin, analyst, alice.socket] { await socket.close() }
        }
    }

    @Test func racingApproversCountOnceAndOnlyOneReachesTheQuorum() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            var approvers: [TestApprover] = []
            for index in 0..<6 { approvers.append(try await TestApprover.make("racer\(index)", on: server, admin: admin)) }
            let analyst = try await server.connect(as: .analyst)
            let request = try await analyst.call("approvals.submit", ApprovalSamples.payment(50_000)).get()
            let now = server.clock.now()
            let results = try await withThrowingTaskGroup(of: Result<JSONValue, RPCError>.self) { group in
                for approver in approvers {
                    group.addTask { try await approver.decide(request, .approve, reason: "race", time: now) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let approvedAnswers = results.filter { (try? $0.get())?["status"] == "approved" }
            #expect(approvedAnswers.count == 1)
            #expect(results.count { (try? $0.get()) != nil } == 2)
            let final = try await analyst.call("approvals.get", ["id": request["id"] ?? .null]).get()
            #expect(final["approvals"] == 2 && final["decisions"]?.arrayValue?.count == 2 && final["status"] == "approved")
            for socket in [admin, analyst] + approvers.map(\.socket) { await socket.close() }
        }
    }

    @Test func policyReloadRejectsABadFileAndKeepsTheOldPolicy() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let path = server.dataDirectory + "/approval-policy.toml"
            try "[defaults]\nttl_seconds = 60\n\n[rules.broken]\ntype = \"*\"\nfield = \"x\"\nop = \"=>\"\nvalue = 1\nrisk = \"high\"\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            let failure = try await admin.call("policy.reload")
            guard case .failure(let error) = failure else { throw TestFailure("a bad policy was accepted") }
            #expect(error.code == .invalidParams && error.reason.contains("line 7"))
            #expect(error.extra["line"] == 7)
            // The default is still in force.
            let check = try await admin.call("policy.check", ["type": "payment", "payload": ApprovalSamples.payment(50)["payload"] ?? .null]).get()
            #expect(check["risk"] == "low" && check["generation"] == 1)
            var text = ApprovalPolicy.defaultText
            text = text.replacingOccurrences(of: "[levels.low]\napprovals = 0", with: "[levels.low]\napprovals = 1")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let reloaded = try await admin.call("policy.reload").get()
            #expect(reloaded["generation"] == 2 && reloaded["source"]?.stringValue == path)
            let after = try await admin.call("policy.check", ["type": "payment", "payload": ApprovalSamples.payment(50)["payload"] ?? .null]).get()
            #expect(after["requiredApprovals"] == 1 && after["autoApproved"] == false && after["generation"] == 2)
            await admin.close()
        }
    }

    @Test func serverKeyRotationKeepsOldTokensValid() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let analyst = try await server.connect(as: .analyst)
            let before = try await analyst.call("approvals.submit", ApprovalSamples.payment(10)).get()
            let oldToken = try #require(before["token"]?.stringValue)
            server.clock.advance(milliseconds: 1_000)
            let rotated = try await admin.call("keys.rotate_server").get()
            #expect(rotated["keys"]?.arrayValue?.count == 2)
            #expect(rotated["keys"]?.arrayValue?.first?["retired_at_ms"] != nil)
            let after = try await analyst.call("approvals.submit", ApprovalSamples.payment(10)).get()
            let newToken = try #require(after["token"]?.stringValue)
            #expect(oldToken.split(separator: ".").last != newToken.split(separator: ".").last)
            #expect(try await verify(server, ["token": .string(oldToken)])["valid"] == true)
            #expect(try await verify(server, ["token": .string(newToken)])["valid"] == true)
            let (status, body) = try await server.get("/v1/public-keys")
            #expect(status == 200)
            let published = try JSONParser.parse(Array((body.components(separatedBy: "\r\n\r\n").last ?? body).utf8))
            #expect(published["keys"]?.arrayValue?.count == 2 && published["current"] == rotated["current"])
            // Expired tokens fail as expired.
            server.clock.advance(milliseconds: 901_000)
            #expect(try await verify(server, ["token": .string(newToken)])["reason"] == "expired")
            // Garbage and unknown keys.
            #expect(try await verify(server, ["token": "nope"])["reason"] == "malformed")
            let parts = newToken.split(separator: ".")
            #expect(try await verify(server, ["token": .string("\(parts[0]).\(parts[1]).srv-unknown")])["reason"] == "unknown_key")
            let (badStatus, badBody) = try await HTTPProbe.post(
                host: "127.0.0.1",
                port: server.port,
                path: "/v1/approvals/verify",
                headers: [("Content-Type", "application/json")],
                body: Array("{not json".utf8)
            )
            #expect(badStatus == 400 && badBody.contains("Invalid JSON"))
            await admin.close()
            await analyst.close()
        }
    }

    @Test func viewersSeeTheQueueButNotTokens() async throws {
        try await TestServer.with { server in
            let analyst = try await server.connect(as: .analyst)
            let viewer = try await server.connect(as: .viewer)
            let submitted = try await analyst.call("approvals.submit", ApprovalSamples.payment(10)).get()
            let seen = try await viewer.call("approvals.get", ["id": submitted["id"] ?? .null]).get()
            #expect(seen["status"] == "approved" && seen["token"] == nil)
            let listed = try await viewer.call("approvals.list", ["status": "approved"]).get()
            #expect(listed["approvals"]?.arrayValue?.count == 1)
            #expect(try await viewer.call("approvals.list", ["status": "bogus"]).failureCode == .invalidParams)
            let mine = try await analyst.call("approvals.list", ["mine": true]).get()
            #expect(mine["approvals"]?.arrayValue?.count == 1)
            await analyst.close()
            await viewer.close()
        }
    }

    private func verify(_ server: TestServer, _ body: JSONValue) async throws -> JSONValue {
        let (status, text) = try await HTTPProbe.post(
            host: "127.0.0.1",
            port: server.port,
            path: "/v1/approvals/verify",
            headers: [("Content-Type", "application/json")],
            body: CanonicalJSON.encode(body)
        )
        guard status == 200, let body = text.components(separatedBy: "\r\n\r\n").last else {
            throw TestFailure("verify answered \(status): \(text)")
        }
        return try JSONParser.parse(Array(body.utf8))
    }
}
