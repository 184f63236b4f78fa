import AureusCore
import AureusCrypto
import AureusProtocol
import PostgresNIO

extension PostgresStore: ApprovalStore {
    public func insertApproval(_ record: ApprovalRecord) async throws {
        try await transaction(conflict: "an approval request with this id already exists") { [logger] connection in
            let request = record.request
            _ = try await connection.query(
                """
                INSERT INTO approval_requests (\(unescaped: ApprovalRow.columns))
                VALUES (\(request.id), \(request.type), \(ApprovalRow.payloadText(request.payload)), \(request.payloadSHA256), \(request.reason),
                        \(request.submitter), \(request.risk.rawValue), \(request.rule), \(Int64(request.requiredApprovals)),
                        \(record.status.rawValue), \(record.version), \(request.submittedAt.milliseconds), \(request.expiresAt.milliseconds),
                        \(record.updatedAt.milliseconds), \(record.token), \(record.tokenExpiresAt?.milliseconds), \(record.revokedBy),
                        \(record.revokeReason))
                """,
                logger: logger
            ).collect()
            for (index, decision) in record.decisions.enumerated() {
                try await Self.insertDecision(decision, seq: index + 1, connection: connection, logger: logger)
            }
        }
    }

    public func approval(id: String) async throws -> ApprovalRecord? {
        try await approvals("SELECT \(unescaped: ApprovalRow.columns) FROM approval_requests WHERE id = \(id)").first
    }

    public func listApprovals(_ query: ApprovalQuery) async throws -> [ApprovalRecord] {
        let conditions = ApprovalRow.listConditions(query, parameters: .dollar)
        let sql =
            "SELECT \(ApprovalRow.columns) FROM approval_requests\(conditions.whereClause) ORDER BY submitted_ms DESC, id DESC LIMIT \(ApprovalRow.clampedLimit(query.limit))"
        return try await approvals(PostgresQuery(unsafeSQL: sql, binds: PostgresBindings(conditions.binds)))
    }

    public func updateApproval(_ record: ApprovalRecord, expectedVersion: Int64, newDecision: ApprovalDecision?) async throws -> Bool {
        try await transaction(conflict: "this approver already decided this request") { [logger] connection in
            let changed = try await connection.query(
                """
                UPDATE approval_requests SET status = \(record.status.rawValue), version = \(record.version),
                    updated_ms = \(record.updatedAt.milliseconds), token = \(record.token), token_expires_ms = \(record.tokenExpiresAt?.milliseconds),
                    revoked_by = \(record.revokedBy), revoke_reason = \(record.revokeReason)
                WHERE id = \(record.request.id) AND version = \(expectedVersion) RETURNING id
                """,
                logger: logger
            ).collect().count
            guard changed == 1 else { return false }
            if let newDecision {
                var count: Int64 = 0
                let rows = try await connection.query(
                    "SELECT COUNT(*) FROM approval_decisions WHERE request_id = \(record.request.id)",
                    logger: logger
                )
                for try await value in rows.decode(Int64.self) { count = value }
                try await Self.insertDecision(newDecision, seq: Int(count) + 1, connection: connection, logger: logger)
            }
            return true
        }
    }

    public func dueApprovals(now: Timestamp, limit: Int) async throws -> [String] {
        try await perform {
            var ids: [String] = []
            let rows = try await client.query(
                """
                SELECT id FROM approval_requests WHERE status = 'pending' AND expires_ms <= \(now.milliseconds)
                ORDER BY expires_ms LIMIT \(Int64(ApprovalRow.clampedLimit(limit)))
                """,
                logger: logger
            )
            for try await id in rows.decode(String.self) { ids.append(id) }
            return ids
        }
    }

    public func insertApproverKey(_ key: ApproverKeyRecord) async throws {
        try await perform(conflict: "this public key is already registered") {
            _ = try await client.query(
                """
                INSERT INTO approver_keys (\(unescaped: ApprovalRow.keyColumns))
                VALUES (\(key.keyID), \(key.username), \(key.publicKey), \(key.status.rawValue), \(key.createdAt.milliseconds),
                        \(key.confirmedAt?.milliseconds), \(key.confirmedBy), \(key.revokedAt?.milliseconds))
                """,
                logger: logger
            ).collect()
        }
    }

    public func approverKey(id: String) async throws -> ApproverKeyRecord? {
        try await keys("SELECT \(unescaped: ApprovalRow.keyColumns) FROM approver_keys WHERE key_id = \(id)").first
    }

    public func listApproverKeys(username: String?) async throws -> [ApproverKeyRecord] {
        if let username {
            return try await keys(
                "SELECT \(unescaped: ApprovalRow.keyColumns) FROM approver_keys WHERE username = \(username) ORDER BY created_ms, key_id"
            )
        }
        return try await keys("SELECT \(unescaped: ApprovalRow.keyColumns) FROM approver_keys ORDER BY created_ms, key_id")
    }

    public func updateApproverKey(_ key: ApproverKeyRecord) async throws {
        let changed = try await execute(
            """
            UPDATE approver_keys SET status = \(key.status.rawValue), confirmed_ms = \(key.confirmedAt?.milliseconds),
                confirmed_by = \(key.confirmedBy), revoked_ms = \(key.revokedAt?.milliseconds)
            WHERE key_id = \(key.keyID) RETURNING key_id
            """
        )
        guard changed == 1 else { throw StoreError(.notFound, "no approver key '\(key.keyID)'") }
    }

    public func saveServerKey(_ key: ServerKeyRecord) async throws {
        try await execute(
            """
            INSERT INTO server_keys (key_id, public_key, valid_from_ms, retired_at_ms)
            VALUES (\(key.keyID), \(key.publicKey), \(key.validFrom.milliseconds), \(key.retiredAt?.milliseconds))
            ON CONFLICT (key_id) DO UPDATE SET public_key = EXCLUDED.public_key, valid_from_ms = EXCLUDED.valid_from_ms,
                retired_at_ms = EXCLUDED.retired_at_ms
            """
        )
    }

    public func serverKeys() async throws -> [ServerKeyRecord] {
        try await perform {
            var keys: [ServerKeyRecord] = []
            let rows = try await client.query(
                "SELECT key_id, public_key, valid_from_ms, retired_at_ms FROM server_keys ORDER BY valid_from_ms, key_id",
                logger: logger
            )
            for try await (keyID, publicKey, validFrom, retiredAt) in rows.decode((String, String, Int64, Int64?).self) {
                keys.append(
                    ServerKeyRecord(
                        keyID: keyID,
                        publicKey: publicKey,
                        validFrom: Timestamp(milliseconds: validFrom),
                        retiredAt: retiredAt.map(Timestamp.init(milliseconds:))
                    )
                )
            }
            return keys
        }
    }

    // MARK: - Rows

    private static func insertDecision(_ decision: ApprovalDecision, seq: Int, connection: PostgresConnection, logger: Logger) async throws {
        _ = try await connection.query(
            """
            INSERT INTO approval_decisions (\(unescaped: ApprovalRow.decisionColumns))
            VALUES (\(decision.requestID), \(decision.approverID), \(decision.verdict.rawValue), \(decision.reason), \(decision.time.milliseconds),
                    \(Base64.encode(decision.signature)), \(Int64(seq)))
            """,
            logger: logger
        ).collect()
    }

    /// Reads request rows, then their decisions, in one read-only transaction (one snapshot).
    private func approvals(_ query: PostgresQuery) async throws -> [ApprovalRecord] {
        try await transaction { [logger] connection in
            _ = try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger).collect()
            var fields: [ApprovalRow.Fields] = []
            let rows = try await connection.query(query, logger: logger)
            for try await row in rows {
                let c = try row.decode(
                    (
                        String, String, String, String, String, String, String, String?, Int64, String, Int64, Int64, Int64, Int64, String?, Int64?,
                        String?, String?
                    )
                    .self
                )
                fields.append(
                    ApprovalRow.Fields(
                        id: c.0,
                        type: c.1,
                        payload: c.2,
                        payloadSHA256: c.3,
                        reason: c.4,
                        submitter: c.5,
                        risk: c.6,
                        rule: c.7,
                        requiredApprovals: c.8,
                        status: c.9,
                        version: c.10,
                        submittedMilliseconds: c.11,
                        expiresMilliseconds: c.12,
                        updatedMilliseconds: c.13,
                        token: c.14,
                        tokenExpiresMilliseconds: c.15,
                        revokedBy: c.16,
                        revokeReason: c.17
                    )
                )
            }
            guard !fields.isEmpty else { return [] }
            var conditions = SQLConditions(.dollar)
            conditions.addIn("request_id", fields.map { .text($0.id) })
            let hashes = Dictionary(fields.map { ($0.id, $0.payloadSHA256) }, uniquingKeysWith: { first, _ in first })
            var decisions: [(requestID: String, decision: ApprovalDecision)] = []
            let decisionRows = try await connection.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(ApprovalRow.decisionColumns) FROM approval_decisions\(conditions.whereClause) ORDER BY request_id, seq",
                    binds: PostgresBindings(conditions.binds)
                ),
                logger: logger
            )
            for try await (requestID, approverID, verdict, reason, time, signature, _) in decisionRows.decode(
                (String, String, String, String?, Int64, String, Int64).self
            ) {
                decisions.append(
                    (
                        requestID,
                        try ApprovalRow.decision(
                            requestID: requestID,
                            approverID: approverID,
                            verdict: verdict,
                            reason: reason,
                            timeMilliseconds: time,
                            signature: signature,
                            payloadSHA256: hashes[requestID] ?? ""
                        )
                    )
                )
            }
            return try ApprovalRow.attach(decisions, to: fields)
        }
    }

    private func keys(_ query: PostgresQuery) async throws -> [ApproverKeyRecord] {
        try await perform {
            var keys: [ApproverKeyRecord] = []
            let rows = try await client.query(query, logger: logger)
            for try await (keyID, username, publicKey, status, created, confirmed, confirmedBy, revoked) in rows.decode(
                (String, String, String, String, Int64, Int64?, String?, Int64?).self
            ) {
                keys.append(
                    try ApprovalRow.key(
                        keyID: keyID,
                        username: username,
                        publicKey: publicKey,
                        status: status,
                        createdMilliseconds: created,
                        confirmedMilliseconds: confirmed,
                        confirmedBy: confirmedBy,
                        revokedMilliseconds: revoked
                    )
                )
            }
            return keys
        }
    }
}
