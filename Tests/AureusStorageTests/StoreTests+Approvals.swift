import AureusCore
import AureusProtocol
import AureusStorage
import Testing

extension StoreTests {
    static func approvalRecord(_ id: String, submitter: String = "ana", risk: RiskLevel = .high, submittedAt: Int64 = 1_000) -> ApprovalRecord {
        ApprovalRecord(
            request: ApprovalRequest(
                id: id,
                type: "payment",
                payload: ["amount": 25_000, "currency": "EUR", "memo": "ünïcode ✓"],
                payloadSHA256: "ab" + String(repeating: "0", count: 62),
                reason: "invoice",
                submitter: submitter,
                risk: risk,
                rule: risk == .high ? "large_payment" : nil,
                requiredApprovals: 2,
                submittedAt: Timestamp(milliseconds: submittedAt),
                expiresAt: Timestamp(milliseconds: submittedAt + 3_600_000)
            ),
            status: .pending,
            updatedAt: Timestamp(milliseconds: submittedAt)
        )
    }

    static func decision(_ record: ApprovalRecord, by approver: String, _ verdict: ApprovalVerdict = .approve) -> ApprovalDecision {
        ApprovalDecision(
            requestID: record.request.id,
            payloadSHA256: record.request.payloadSHA256,
            verdict: verdict,
            approverID: approver,
            reason: verdict == .reject ? "no" : nil,
            time: Timestamp(milliseconds: 2_000),
            signature: Array(0..<64)
        )
    }

    @Test("Approvals: insert, read back, filter, list newest first", arguments: Backend.allCases)
    func approvalsRoundTrip(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let first = Self.approvalRecord("apr-1", submittedAt: 1_000)
            let second = Self.approvalRecord("apr-2", submitter: "ben", risk: .low, submittedAt: 2_000)
            try await store.insertApproval(first)
            try await store.insertApproval(second)
            await Self.expectStoreError(.conflict) { try await store.insertApproval(first) }
            #expect(try await store.approval(id: "apr-1") == first)
            #expect(try await store.approval(id: "apr-none") == nil)
            #expect(try await store.listApprovals(ApprovalQuery()).map(\.request.id) == ["apr-2", "apr-1"])
            #expect(try await store.listApprovals(ApprovalQuery(risk: .high)).map(\.request.id) == ["apr-1"])
            #expect(try await store.listApprovals(ApprovalQuery(submitter: "ben")).map(\.request.id) == ["apr-2"])
            #expect(try await store.listApprovals(ApprovalQuery(status: .approved)).isEmpty)
            #expect(try await store.listApprovals(ApprovalQuery(limit: 1)).count == 1)
        }
    }

    @Test("Approvals: versioned updates append decisions once and refuse stale writers", arguments: Backend.allCases)
    func approvalUpdates(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let stored = Self.approvalRecord("apr-1")
            try await store.insertApproval(stored)
            var next = stored
            let alice = Self.decision(stored, by: "alice")
            next.decisions = [alice]
            next.version = 2
            #expect(try await store.updateApproval(next, expectedVersion: 1, newDecision: alice))
            // A writer that read version 1 loses.
            var stale = stored
            stale.status = .revoked
            stale.version = 2
            #expect(try await !store.updateApproval(stale, expectedVersion: 1, newDecision: nil))
            var approved = next
            let bob = Self.decision(stored, by: "bob")
            approved.decisions.append(bob)
            approved.status = .approved
            approved.version = 3
            approved.token = "token-text"
            approved.tokenExpiresAt = Timestamp(milliseconds: 9_000)
            #expect(try await store.updateApproval(approved, expectedVersion: 2, newDecision: bob))
            #expect(try await store.approval(id: "apr-1") == approved)
            // The same approver twice is refused by the database too.
            var again = approved
            again.version = 4
            await Self.expectStoreError(.conflict) { _ = try await store.updateApproval(again, expectedVersion: 3, newDecision: alice) }
            #expect(try await store.approval(id: "apr-1")?.version == 3)
        }
    }

    @Test("Approvals: two processes racing on one version: exactly one write lands", arguments: Backend.allCases)
    func approvalRace(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let stored = Self.approvalRecord("apr-race")
            try await harness.store.insertApproval(stored)
            try await harness.withPeer { peer in
                let stores: [TestStore] = [harness.store, peer, harness.store, peer]
                let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for (index, store) in stores.enumerated() {
                        group.addTask {
                            var next = stored
                            let decision = Self.decision(stored, by: "approver-\(index)")
                            next.decisions = [decision]
                            next.version = 2
                            return try await store.updateApproval(next, expectedVersion: 1, newDecision: decision)
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(wins == 1)
                #expect(try await peer.approval(id: "apr-race")?.decisions.count == 1)
            }
        }
    }

    @Test("Approvals: due requests are pending ones past their deadline", arguments: Backend.allCases)
    func dueApprovals(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            try await store.insertApproval(Self.approvalRecord("apr-old", submittedAt: 0))
            try await store.insertApproval(Self.approvalRecord("apr-new", submittedAt: 10_000_000))
            var done = Self.approvalRecord("apr-done", submittedAt: 0)
            done.status = .approved
            try await store.insertApproval(done)
            #expect(try await store.dueApprovals(now: Timestamp(milliseconds: 3_600_000), limit: 10) == ["apr-old"])
            #expect(try await store.dueApprovals(now: Timestamp(milliseconds: 3_599_999), limit: 10).isEmpty)
        }
    }

    @Test("Approver and server keys", arguments: Backend.allCases)
    func approvalKeys(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            var key = ApproverKeyRecord(keyID: "ak-1", username: "alice", publicKey: "PUB1", status: .pending, createdAt: Timestamp(milliseconds: 1))
            try await store.insertApproverKey(key)
            try await store.insertApproverKey(
                ApproverKeyRecord(keyID: "ak-2", username: "bob", publicKey: "PUB2", status: .pending, createdAt: Timestamp(milliseconds: 2))
            )
            await Self.expectStoreError(.conflict) {
                try await store.insertApproverKey(
                    ApproverKeyRecord(keyID: "ak-3", username: "eve", publicKey: "PUB1", status: .pending, createdAt: Timestamp(milliseconds: 3))
                )
            }
            key.status = .confirmed
            key.confirmedAt = Timestamp(milliseconds: 5)
            key.confirmedBy = "root"
            try await store.updateApproverKey(key)
            #expect(try await store.approverKey(id: "ak-1") == key)
            #expect(try await store.listApproverKeys(username: "alice") == [key])
            #expect(try await store.listApproverKeys(username: nil).map(\.keyID) == ["ak-1", "ak-2"])
            var ghost = key
            ghost.keyID = "ak-ghost"
            await Self.expectStoreError(.notFound) { try await store.updateApproverKey(ghost) }

            let old = ServerKeyRecord(keyID: "srv-1", publicKey: "S1", validFrom: Timestamp(milliseconds: 10))
            try await store.saveServerKey(old)
            var retired = old
            retired.retiredAt = Timestamp(milliseconds: 20)
            try await store.saveServerKey(retired)
            try await store.saveServerKey(ServerKeyRecord(keyID: "srv-2", publicKey: "S2", validFrom: Timestamp(milliseconds: 20)))
            #expect(try await store.serverKeys().map(\.keyID) == ["srv-1", "srv-2"])
            #expect(try await store.serverKeys().first == retired)
        }
    }
}
