import AureusCore
import AureusProtocol
import AureusStorage
import Testing

extension StoreTests {
    @Test("audit: appends chain in order, read back unchanged, and verify", arguments: Backend.allCases)
    func auditAppendAndRead(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            var appended: [AuditEvent] = []
            for index in 1...5 {
                appended.append(try await store.appendAudit(Self.draft(index, actor: index.isMultiple(of: 2) ? "bob" : "alice")))
            }
            let bare = AuditDraft(time: Timestamp(milliseconds: 1), actor: "-", role: nil, action: "auth.login", outcome: "denied")
            appended.append(try await store.appendAudit(bare))

            #expect(appended.map(\.seq) == Array(1...6))
            #expect(appended[0].prevHash == AuditChain.genesis)
            for (previous, next) in zip(appended, appended.dropFirst()) { #expect(next.prevHash == previous.hash) }
            #expect(appended[5].role == nil && appended[5].target == nil && appended[5].requestID == nil)

            #expect(try await store.auditRange(afterSeq: 0, limit: 100) == appended)
            #expect(try await store.auditRange(afterSeq: 2, limit: 2).map(\.seq) == [3, 4])
            #expect(try await store.verifyChain(digester: Self.digester) == AuditVerifyResult(ok: true, checked: 6))
            #expect(try await store.verifyChain(digester: Self.digester, pageSize: 2) == AuditVerifyResult(ok: true, checked: 6))
        }
    }

    @Test("audit tail: newest first, filters, cursor and limit", arguments: Backend.allCases)
    func auditTail(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            for index in 1...8 {
                _ = try await store.appendAudit(
                    Self.draft(index, actor: index.isMultiple(of: 2) ? "bob" : "alice", action: index <= 4 ? "auth.login" : "users.create")
                )
            }
            #expect(try await store.auditTail(AuditQuery()).map(\.seq) == [8, 7, 6, 5, 4, 3, 2, 1])
            #expect(try await store.auditTail(AuditQuery(limit: 3)).map(\.seq) == [8, 7, 6])
            #expect(try await store.auditTail(AuditQuery(beforeSeq: 6, limit: 3)).map(\.seq) == [5, 4, 3])
            #expect(try await store.auditTail(AuditQuery(actor: "bob")).map(\.seq) == [8, 6, 4, 2])
            #expect(try await store.auditTail(AuditQuery(actor: "bob", action: "auth.login")).map(\.seq) == [4, 2])
            let since = Timestamp(milliseconds: 1_700_000_000_000 + 3000)
            let until = Timestamp(milliseconds: 1_700_000_000_000 + 5000)
            #expect(try await store.auditTail(AuditQuery(since: since, until: until)).map(\.seq) == [5, 4, 3])
            #expect(try await store.auditTail(AuditQuery(actor: "mallory")).isEmpty)
        }
    }

    @Test("50 concurrent appends still form one valid chain", arguments: Backend.allCases)
    func concurrentAppends(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let seqs = try await withThrowingTaskGroup(of: Int64.self) { group in
                for index in 1...50 {
                    group.addTask { try await store.appendAudit(Self.draft(index)).seq }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(seqs.sorted() == Array(1...50))
            #expect(try await store.verifyChain(digester: Self.digester) == AuditVerifyResult(ok: true, checked: 50))
        }
    }

    @Test("two processes appending to one database produce one chain", arguments: Backend.allCases)
    func appendsFromTwoProcesses(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            try await harness.withPeer { peer in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 1...40 {
                        let store: TestStore = index.isMultiple(of: 2) ? peer : harness.store
                        group.addTask { _ = try await store.appendAudit(Self.draft(index, actor: index.isMultiple(of: 2) ? "peer" : "main")) }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(try await harness.store.verifyChain(digester: Self.digester) == AuditVerifyResult(ok: true, checked: 40))
            #expect(try await harness.store.auditTail(AuditQuery(actor: "peer")).count == 20)
        }
    }
}
