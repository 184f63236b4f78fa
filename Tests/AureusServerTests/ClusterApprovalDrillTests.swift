import AureusCore
import AureusProtocol
import AureusServer
import AureusTestSupport
import Foundation
import Testing

/// Drill (d): two instances on one PostgreSQL and Redis, approvers deciding on different
/// instances at the same time as audited calls land on both. Afterwards every request has
/// exactly its quorum, every token verifies on the other instance, and the one audit chain
/// both instances appended to verifies. `AUREUS_DRILL_REQUESTS` sets the size (default 12).
@Suite("Drill: concurrent approvals and audit appends on two instances", .serialized)
struct ClusterApprovalDrillTests {
    @Test func quorumAndAuditChainStayExactAcrossInstances() async throws {
        guard let adminURL = try TestPostgres.adminURL(), let redis = try TestRedis.url() else { return }
        let requests = Int(ProcessInfo.processInfo.environment["AUREUS_DRILL_REQUESTS"] ?? "") ?? 12
        let namespace = "d" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let started = ContinuousClock.now
        try await TestPostgres.withDatabase(adminURL: adminURL) { database in
            try await TestServer.with(databaseURL: database, redisURL: redis, redisNamespace: namespace) { a in
                let password = try a.adminPassword
                try await TestServer.with(databaseURL: database, redisURL: redis, redisNamespace: namespace) { b in
                    let adminA = try await ClusterTests.login(a, password: password)
                    let adminB = try await ClusterTests.login(b, password: password)
                    let alice = try await TestApprover.make("alice", on: a, admin: adminA)
                    let bob = try await TestApprover.make("bob", on: b, admin: adminB)
                    _ = try await adminA.call("users.create", ["username": "ana", "password": "correct horse", "role": "analyst"]).get()
                    let analystA = try await RawWebSocket.connect(url: a.url)
                    _ = try await analystA.call("auth.login", ["username": "ana", "password": "correct horse"]).get()
                    let analystB = try await RawWebSocket.connect(url: b.url)
                    _ = try await analystB.call("auth.login", ["username": "ana", "password": "correct horse"]).get()

                    // High risk: two distinct approvers each. Submitted alternately on A and B.
                    var submitted: [JSONValue] = []
                    for index in 0..<requests {
                        let socket = index.isMultiple(of: 2) ? analystA : analystB
                        submitted.append(try await socket.call("approvals.submit", ApprovalSamples.payment(20_000 + Double(index))).get())
                    }
                    #expect(submitted.allSatisfy { $0["requiredApprovals"] == 2 })
                    let now = a.clock.now()
                    let pending = submitted
                    // Alice decides everything on A while Bob does on B, and both admins append
                    // audit events (token creation) on their own instance, all at once.
                    async let aliceDecisions: [JSONValue] = {
                        var results: [JSONValue] = []
                        for request in pending { results.append(try await alice.decide(request, .approve, reason: "checked", time: now).get()) }
                        return results
                    }()
                    async let bobDecisions: [JSONValue] = {
                        var results: [JSONValue] = []
                        for request in pending.reversed() {
                            results.append(try await bob.decide(request, .approve, reason: "checked", time: now).get())
                        }
                        return results
                    }()
                    async let appendsA: Void = {
                        for index in 0..<requests { _ = try await adminA.call("tokens.create", ["name": .string("a\(index)")]).get() }
                    }()
                    async let appendsB: Void = {
                        for index in 0..<requests { _ = try await adminB.call("tokens.create", ["name": .string("b\(index)")]).get() }
                    }()
                    let (fromAlice, fromBob, _, _) = try await (aliceDecisions, bobDecisions, appendsA, appendsB)
                    #expect(fromAlice.count == requests && fromBob.count == requests)

                    var exact = 0
                    for request in submitted {
                        let id = request["id"]?.stringValue ?? ""
                        // Read back on the instance that did not take the submission.
                        let final = try await adminB.call("approvals.get", ["id": .string(id)]).get()
                        let token = try #require(final["token"]?.stringValue, "\(id) has no token: \(final)")
                        let (status, body) = try await HTTPProbe.post(
                            host: "127.0.0.1",
                            port: a.port,
                            path: "/v1/approvals/verify",
                            headers: [("Content-Type", "application/json")],
                            body: Array(CanonicalJSON.string(["token": .string(token)]).utf8)
                        )
                        if final["status"] == "approved", final["approvals"] == 2, status == 200, body.contains(#""valid":true"#) { exact += 1 }
                    }
                    #expect(exact == requests, "\(exact) of \(requests) requests have exactly 2 approvals and a token that verifies")
                    let verifiedA = try await adminA.call("audit.verify").get()
                    let verifiedB = try await adminB.call("audit.verify").get()
                    #expect(verifiedA["ok"] == true && verifiedB["ok"] == true)
                    let checked = verifiedA["checked"]?.intValue ?? 0
                    let verdict = exact == requests && verifiedA["ok"] == true ? "PASS" : "FAIL"
                    print(
                        "drill d (two instances, concurrent approvals + audit appends): \(exact)/\(requests) exact quorums, "
                            + "audit chain of \(checked) events verifies=\(verifiedA["ok"] == true), \(ContinuousClock.now - started) → \(verdict)"
                    )
                    for socket in [adminA, adminB, analystA, analystB, alice.socket, bob.socket] { await socket.close() }
                }
            }
        }
    }
}
