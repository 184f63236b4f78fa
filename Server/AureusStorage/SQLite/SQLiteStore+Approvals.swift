import AureusCore
import AureusCrypto
import AureusProtocol

extension SQLiteStore: ApprovalStore {
    public func insertApproval(_ record: ApprovalRecord) async throws {
        try await pool.transaction(conflict: "an approval request with this id already exists") { db in
            let request = record.request
            try db.run(
                "INSERT INTO approval_requests (\(ApprovalRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(request.id), .text(request.type), .text(ApprovalRow.payloadText(request.payload)), .text(request.payloadSHA256),
                    .text(request.reason), .text(request.submitter), .text(request.risk.rawValue), .optionalText(request.rule),
                    .integer(Int64(request.requiredApprovals)), .text(record.status.rawValue), .integer(record.version),
                    .integer(request.submittedAt.milliseconds), .integer(request.expiresAt.milliseconds),
                    .integer(record.updatedAt.milliseconds), .optionalText(record.token), Self.optionalInteger(record.tokenExpiresAt?.milliseconds),
                    .optionalText(record.revokedBy), .optionalText(record.revokeReason),
                ]
            )
            for (index, decision) in record.decisions.enumerated() { try Self.insertDecision(decision, seq: index + 1, db: db) }
        }
    }

    public func approval(id: String) async throws -> ApprovalRecord? {
        try await approvals("SELECT \(ApprovalRow.columns) FROM approval_requests WHERE id = ?", [.text(id)]).first
    }

    public func listApprovals(_ query: ApprovalQuery) async throws -> [ApprovalRecord] {
        let conditions = ApprovalRow.listConditions(query, parameters: .question)
        let sql =
            "SELECT \(ApprovalRow.columns) FROM approval_requests\(conditions.whereClause) ORDER BY submitted_ms DESC, id DESC LIMIT \(ApprovalRow.clampedLimit(query.limit))"
        return try await approvals(sql, conditions.binds.map(\.sqlite))
    }

    public func updateApproval(_ record: ApprovalRecord, expectedVersion: Int64, newDecision: ApprovalDecision?) async throws -> Bool {
        try await pool.transaction(conflict: "this approver already decided this request") { db in
            let changed = try db.run(
                """
                UPDATE approval_requests SET status = ?, version = ?, updated_ms = ?, token = ?, token_expires_ms = ?, revoked_by = ?,
                    revoke_reason = ? WHERE id = ? AND version = ?
                """,
                [
                    .text(record.status.rawValue), .integer(record.version), .integer(record.updatedAt.milliseconds), .optionalText(record.token),
                    Self.optionalInteger(record.tokenExpiresAt?.milliseconds), .optionalText(record.revokedBy), .optionalText(record.revokeReason),
                    .text(record.request.id), .integer(expectedVersion),
                ]
            )
            guard changed == 1 else { return false }
            if let newDecision {
                let seq =
                    try db.query("SELECT COUNT(*) FROM approval_decisions WHERE request_id = ?", [.text(record.request.id)]).first?.int64(0) ?? 0
                try Self.insertDecision(newDecision, seq: Int(seq) + 1, db: db)
            }
            return true
        }
    }

    public func dueApprovals(now: Timestamp, limit: Int) async throws -> [String] {
        try await pool.read { db in
            try db.query(
                "SELECT id FROM approval_requests WHERE status = 'pending' AND expires_ms <= ? ORDER BY expires_ms LIMIT \(ApprovalRow.clampedLimit(limit))",
                [.integer(now.milliseconds)]
            ).map { try $0.text(0) }
        }
    }

    public func insertApproverKey(_ key: ApproverKeyRecord) async throws {
        try await pool.write(conflict: "this public key is already registered") { db in
            try db.run(
                "INSERT INTO approver_keys (\(ApprovalRow.keyColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(key.keyID), .text(key.username), .text(key.publicKey), .text(key.status.rawValue), .integer(key.createdAt.milliseconds),
                    Self.optionalInteger(key.confirmedAt?.milliseconds), .optionalText(key.confirmedBy),
                    Self.optionalInteger(key.revokedAt?.milliseconds),
                ]
            )
        }
    }

    public func approverKey(id: String) async throws -> ApproverKeyRecord? {
        try await keys("SELECT \(ApprovalRow.keyColumns) FROM approver_keys WHERE key_id = ?", [.text(id)]).first
    }

    public func listApproverKeys(username: String?) async throws -> [ApproverKeyRecord] {
        if let username {
            return try await keys(
                "SELECT \(ApprovalRow.keyColumns) FROM approver_keys WHERE username = ? ORDER BY created_ms, key_id",
                [.text(username)]
            )
        }
        return try await keys("SELECT \(ApprovalRow.keyColumns) FROM approver_keys ORDER BY created_ms, key_id", [])
    }

    public func updateApproverKey(_ key: ApproverKeyRecord) async throws {
        let changed = try await pool.write { db in
            try db.run(
                "UPDATE approver_keys SET status = ?, confirmed_ms = ?, confirmed_by = ?, revoked_ms = ? WHERE key_id = ?",
                [
                    .text(key.status.rawValue), Self.optionalInteger(key.confirmedAt?.milliseconds), .optionalText(key.confirmedBy),
                    Self.optionalInteger(key.revokedAt?.milliseconds), .text(key.keyID),
                ]
            )
        }
        guard changed == 1 else { throw StoreError(.notFound, "no approver key '\(key.keyID)'") }
    }

    public func saveServerKey(_ key: ServerKeyRecord) async throws {
        try await pool.write { db in
            try db.run(
                """
                INSERT INTO server_keys (key_id, public_key, valid_from_ms, retired_at_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT (key_id) DO UPDATE SET public_key = excluded.public_key, valid_from_ms = excluded.valid_from_ms,
                    retired_at_ms = excluded.retired_at_ms
                """,
                [.text(key.keyID), .text(key.publicKey), .integer(key.validFrom.milliseconds), Self.optionalInteger(key.retiredAt?.milliseconds)]
            )
        }
    }

    public func serverKeys() async throws -> [ServerKeyRecord] {
        try await pool.read { db in
            try db.query("SELECT key_id, public_key, valid_from_ms, retired_at_ms FROM server_keys ORDER BY valid_from_ms, key_id").map { row in
                ServerKeyRecord(
                    keyID: try row.text(0),
                    publicKey: try row.text(1),
                    validFrom: Timestamp(milliseconds: try row.int64(2)),
                    retiredAt: try row.optionalInt64(3).map(Timestamp.init(milliseconds:))
                )
            }
        }
    }

    // MARK: - Rows

    private static func optionalInteger(_ value: Int64?) -> SQLiteValue { value.map { .integer($0) } ?? .null }

    private static func insertDecision(_ decision: ApprovalDecision, seq: Int, db: SQLiteDatabase) throws {
        try db.run(
            "INSERT INTO approval_decisions (\(ApprovalRow.decisionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .text(decision.requestID), .text(decision.approverID), .text(decision.verdict.rawValue), .optionalText(decision.reason),
                .integer(decision.time.milliseconds), .text(Base64.encode(decision.signature)), .integer(Int64(seq)),
            ]
        )
    }

    /// Reads request rows and their decisions on one reader connection (one consistent snapshot).
    private func approvals(_ sql: String, _ binds: [SQLiteValue]) async throws -> [ApprovalRecord] {
        try await pool.read { db in
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            let fields = try db.query(sql, binds).map { row in
                ApprovalRow.Fields(
                    id: try row.text(0),
                    type: try row.text(1),
                    payload: try row.text(2),
                    payloadSHA256: try row.text(3),
                    reason: try row.text(4),
                    submitter: try row.text(5),
                    risk: try row.text(6),
                    rule: try row.optionalText(7),
                    requiredApprovals: try row.int64(8),
                    status: try row.text(9),
                    version: try row.int64(10),
                    submittedMilliseconds: try row.int64(11),
                    expiresMilliseconds: try row.int64(12),
                    updatedMilliseconds: try row.int64(13),
                    token: try row.optionalText(14),
                    tokenExpiresMilliseconds: try row.optionalInt64(15),
                    revokedBy: try row.optionalText(16),
                    revokeReason: try row.optionalText(17)
                )
            }
            guard !fields.isEmpty else { return [] }
            var conditions = SQLConditions(.question)
            conditions.addIn("request_id", fields.map { .text($0.id) })
            let hashes = Dictionary(fields.map { ($0.id, $0.payloadSHA256) }, uniquingKeysWith: { first, _ in first })
            let decisions = try db.query(
                "SELECT \(ApprovalRow.decisionColumns) FROM approval_decisions\(conditions.whereClause) ORDER BY request_id, seq",
                conditions.binds.map(\.sqlite)
            ).map { row in
                let requestID = try row.text(0)
                return (
                    requestID: requestID,
                    decision: try ApprovalRow.decision(
                        requestID: requestID,
                        approverID: try row.text(1),
                        verdict: try row.text(2),
                        reason: try row.optionalText(3),
                        timeMilliseconds: try row.int64(4),
                        signature: try row.text(5),
                        payloadSHA256: hashes[requestID] ?? ""
                    )
                )
            }
            return try ApprovalRow.attach(decisions, to: fields)
        }
    }

    private func keys(_ sql: String, _ binds: [SQLiteValue]) async throws -> [ApproverKeyRecord] {
        try await pool.read { db in
            try db.query(sql, binds).map { row in
                try ApprovalRow.key(
                    keyID: try row.text(0),
                    username: try row.text(1),
                    publicKey: try row.text(2),
                    status: try row.text(3),
                    createdMilliseconds: try row.int64(4),
                    confirmedMilliseconds: try row.optionalInt64(5),
                    confirmedBy: try row.optionalText(6),
                    revokedMilliseconds: try row.optionalInt64(7)
                )
            }
        }
    }
}
