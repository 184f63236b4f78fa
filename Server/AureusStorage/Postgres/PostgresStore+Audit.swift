import AureusCore
import AureusProtocol
import PostgresNIO

extension PostgresStore: AuditStore {
    /// Takes a transaction-scoped advisory lock, reads the last link and inserts the next one.
    /// The lock lives in the database, so appenders in every process sharing it queue up and
    /// the chain stays one line; it is released by COMMIT or ROLLBACK.
    public func appendAudit(_ draft: AuditDraft) async throws -> AuditEvent {
        try await transaction { [digester, logger] connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.auditLockKey))", logger: logger).collect()
            var previous: (seq: Int64, hash: String)?
            let last = try await connection.query("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1", logger: logger)
            for try await (seq, hash) in last.decode((Int64, String).self) { previous = (seq, hash) }
            let event = AuditRow.seal(draft, after: previous, digester: digester)
            _ = try await connection.query(
                """
                INSERT INTO audit_events (\(unescaped: AuditRow.columns))
                VALUES (\(event.seq), \(event.time.milliseconds), \(event.actor), \(event.role?.rawValue), \(event.action), \(event.target),
                        \(AuditRow.summaryText(event.summary)), \(event.outcome), \(event.requestID), \(event.clientAddress),
                        \(event.prevHash), \(event.hash))
                """,
                logger: logger
            ).collect()
            return event
        }
    }

    public func auditTail(_ query: AuditQuery) async throws -> [AuditEvent] {
        let tail = AuditTailSQL(query, parameters: .dollar)
        return try await auditEvents(PostgresQuery(unsafeSQL: tail.sql, binds: PostgresBindings(tail.binds)))
    }

    public func auditRange(afterSeq: Int64, limit: Int) async throws -> [AuditEvent] {
        try await auditEvents(
            "SELECT \(unescaped: AuditRow.columns) FROM audit_events WHERE seq > \(afterSeq) ORDER BY seq LIMIT \(Int64(max(limit, 1)))"
        )
    }

    private func auditEvents(_ query: PostgresQuery) async throws -> [AuditEvent] {
        try await perform {
            var events: [AuditEvent] = []
            let rows = try await client.query(query, logger: logger)
            for try await (seq, time, actor, role, action, target, summary, outcome, requestID, clientAddress, prevHash, hash) in rows.decode(
                (Int64, Int64, String, String?, String, String?, String, String, String?, String?, String, String).self
            ) {
                events.append(
                    AuditRow.event(
                        seq: seq,
                        timeMilliseconds: time,
                        actor: actor,
                        role: role,
                        action: action,
                        target: target,
                        summary: summary,
                        outcome: outcome,
                        requestID: requestID,
                        clientAddress: clientAddress,
                        prevHash: prevHash,
                        hash: hash
                    )
                )
            }
            return events
        }
    }
}
