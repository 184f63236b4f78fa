import AureusCore
import AureusProtocol

/// A minimal `AuditStore` for exercising `verifyChain` without a database, with hooks to
/// tamper with stored rows the way an attacker with database access could.
actor InMemoryAuditStore: AuditStore {
    private(set) var rows: [AuditEvent] = []
    /// Every `auditRange` call, to check that verification pages instead of loading the log.
    private(set) var rangeCalls: [(afterSeq: Int64, limit: Int)] = []
    let digester = ReferenceSHA256()

    func appendAudit(_ draft: AuditDraft) async throws -> AuditEvent {
        let event = AuditChain.seal(
            draft,
            seq: (rows.last?.seq ?? 0) + 1,
            prevHash: rows.last?.hash ?? AuditChain.genesis,
            digester: digester
        )
        rows.append(event)
        return event
    }

    func auditTail(_ query: AuditQuery) async throws -> [AuditEvent] {
        Array(rows.reversed().filter { event in query.beforeSeq.map { event.seq < $0 } ?? true }.prefix(query.limit))
    }

    func auditRange(afterSeq: Int64, limit: Int) async throws -> [AuditEvent] {
        rangeCalls.append((afterSeq, limit))
        return Array(rows.filter { $0.seq > afterSeq }.prefix(limit))
    }

    func edit(seq: Int64, _ change: (inout AuditEvent) -> Void) {
        guard let index = rows.firstIndex(where: { $0.seq == seq }) else { return }
        change(&rows[index])
    }

    func delete(seq: Int64) { rows.removeAll { $0.seq == seq } }
}
