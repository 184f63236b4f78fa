import AureusCore
import AureusProtocol

extension SQLiteStore: AuditStore {
    /// Reads the last link and inserts the next one inside `BEGIN IMMEDIATE`, so the database
    /// file lock, not this process, decides the order: other processes cannot slip in between.
    public func appendAudit(_ draft: AuditDraft) async throws -> AuditEvent {
        try await pool.transaction { [digester] db in
            let last = try db.query("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").first
            let previous = try last.map { (seq: try $0.int64(0), hash: try $0.text(1)) }
            let event = AuditRow.seal(draft, after: previous, digester: digester)
            try db.run(
                "INSERT INTO audit_events (\(AuditRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .integer(event.seq), .integer(event.time.milliseconds), .text(event.actor), .optionalText(event.role?.rawValue),
                    .text(event.action), .optionalText(event.target), .text(AuditRow.summaryText(event.summary)), .text(event.outcome),
                    .optionalText(event.requestID), .optionalText(event.clientAddress), .text(event.prevHash), .text(event.hash),
                ]
            )
            return event
        }
    }

    public func auditTail(_ query: AuditQuery) async throws -> [AuditEvent] {
        let tail = AuditTailSQL(query, parameters: .question)
        return try await auditEvents(tail.sql, tail.binds.map(\.sqlite))
    }

    public func auditRange(afterSeq: Int64, limit: Int) async throws -> [AuditEvent] {
        try await auditEvents(
            "SELECT \(AuditRow.columns) FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?",
            [.integer(afterSeq), .integer(Int64(max(limit, 1)))]
        )
    }

    private func auditEvents(_ sql: String, _ binds: [SQLiteValue]) async throws -> [AuditEvent] {
        try await pool.read { db in
            try db.query(sql, binds).map { row in
                AuditRow.event(
                    seq: try row.int64(0),
                    timeMilliseconds: try row.int64(1),
                    actor: try row.text(2),
                    role: try row.optionalText(3),
                    action: try row.text(4),
                    target: try row.optionalText(5),
                    summary: try row.text(6),
                    outcome: try row.text(7),
                    requestID: try row.optionalText(8),
                    clientAddress: try row.optionalText(9),
                    prevHash: try row.text(10),
                    hash: try row.text(11)
                )
            }
        }
    }
}
