import AureusCore
import AureusProtocol
import Testing

/// `verifyChain` walks the store page by page; page edges must not hide a break or skip rows.
@Suite struct AuditStoreVerifyTests {
    func filledStore(_ count: Int) async throws -> InMemoryAuditStore {
        let store = InMemoryAuditStore()
        for index in 1...count { _ = try await store.appendAudit(AuditChainTests.draft(index)) }
        return store
    }

    @Test func emptyLogVerifies() async throws {
        let result = try await InMemoryAuditStore().verifyChain(digester: ReferenceSHA256(), pageSize: 4)
        #expect(result == AuditVerifyResult(ok: true, checked: 0))
    }

    @Test(arguments: [1, 2, 3, 4, 6, 12, 13, 1000])
    func intactLogVerifiesWithAnyPageSize(pageSize: Int) async throws {
        let store = try await filledStore(12)
        let result = try await store.verifyChain(digester: ReferenceSHA256(), pageSize: pageSize)
        #expect(result == AuditVerifyResult(ok: true, checked: 12))
        let calls = await store.rangeCalls
        #expect(calls.allSatisfy { $0.limit == pageSize })
        // Full pages, then one short (possibly empty) page that ends the walk.
        #expect(calls.count == 12 / pageSize + 1)
        #expect(calls.map(\.afterSeq) == (0..<calls.count).map { Int64($0 * pageSize) })
    }

    @Test(arguments: [1, 3, 4, 5])
    func editInALaterPageIsFound(pageSize: Int) async throws {
        let store = try await filledStore(12)
        await store.edit(seq: 9) { $0.outcome = "ok-forged" }
        let result = try await store.verifyChain(digester: ReferenceSHA256(), pageSize: pageSize)
        #expect(!result.ok)
        #expect(result.brokenAt == 9)
        #expect(result.checked == 8)
        #expect(result.reason?.contains("edited") == true)
    }

    @Test(arguments: [2, 4, 5])
    func deletionAtAPageEdgeIsFound(pageSize: Int) async throws {
        let store = try await filledStore(12)
        await store.delete(seq: 5)
        let result = try await store.verifyChain(digester: ReferenceSHA256(), pageSize: pageSize)
        #expect(result.brokenAt == 5)
        #expect(result.reason?.contains("row 5 is missing") == true)
        #expect(result.checked == 4)
    }

    @Test func alteredLinkIsFound() async throws {
        let store = try await filledStore(6)
        await store.edit(seq: 3) { $0.prevHash = String(repeating: "f", count: 64) }
        let result = try await store.verifyChain(digester: ReferenceSHA256(), pageSize: 2)
        #expect(result.brokenAt == 3)
        #expect(result.reason?.contains("previous-hash link") == true)
    }

    @Test func deletedLastRowIsInvisibleToTheChainAlone() async throws {
        // Documented limitation: only the count can reveal a truncated tail.
        let store = try await filledStore(6)
        await store.delete(seq: 6)
        let result = try await store.verifyChain(digester: ReferenceSHA256(), pageSize: 4)
        #expect(result == AuditVerifyResult(ok: true, checked: 5))
    }
}
