import AureusCore
import AureusProtocol

extension SQLiteStore: APITokenStore {
    private static let tokenSelect = "SELECT id, user_id, name, role, token_hash, created_at, expires_at, revoked FROM api_tokens"

    public func createAPIToken(_ token: NewAPIToken) async throws -> APITokenRecord {
        let id = try await pool.write(conflict: "an API token with this hash already exists") { db in
            try db.run(
                "INSERT INTO api_tokens (user_id, name, role, token_hash, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?, 0)",
                [
                    .integer(token.userID), .text(token.name), .text(token.role.rawValue), .text(token.tokenHash),
                    .integer(token.createdAt.milliseconds), .integer(token.expiresAt.milliseconds),
                ]
            )
            return db.lastInsertRowID
        }
        return APITokenRecord(
            id: id,
            userID: token.userID,
            name: token.name,
            role: token.role,
            tokenHash: token.tokenHash,
            createdAt: token.createdAt,
            expiresAt: token.expiresAt,
            revoked: false
        )
    }

    public func apiToken(tokenHash: String) async throws -> APITokenRecord? {
        try await tokens(Self.tokenSelect + " WHERE token_hash = ?", [.text(tokenHash)]).first
    }

    public func apiToken(id: Int64) async throws -> APITokenRecord? {
        try await tokens(Self.tokenSelect + " WHERE id = ?", [.integer(id)]).first
    }

    public func listAPITokens(userID: Int64?) async throws -> [APITokenRecord] {
        if let userID {
            return try await tokens(Self.tokenSelect + " WHERE user_id = ? ORDER BY id", [.integer(userID)])
        }
        return try await tokens(Self.tokenSelect + " ORDER BY id", [])
    }

    public func revokeAPIToken(id: Int64) async throws -> Bool {
        try await pool.write { db in try db.run("UPDATE api_tokens SET revoked = 1 WHERE id = ?", [.integer(id)]) } > 0
    }

    private func tokens(_ sql: String, _ binds: [SQLiteValue]) async throws -> [APITokenRecord] {
        try await pool.read { db in
            try db.query(sql, binds).map { row in
                let roleText = try row.text(3)
                guard let role = Role(rawValue: roleText) else { throw StoreError(.engine, "API token has an unknown role '\(roleText)'") }
                return APITokenRecord(
                    id: try row.int64(0),
                    userID: try row.int64(1),
                    name: try row.text(2),
                    role: role,
                    tokenHash: try row.text(4),
                    createdAt: Timestamp(milliseconds: try row.int64(5)),
                    expiresAt: Timestamp(milliseconds: try row.int64(6)),
                    revoked: try row.bool(7)
                )
            }
        }
    }
}
