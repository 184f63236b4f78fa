import AureusCore
import AureusProtocol
import PostgresNIO

extension PostgresStore: APITokenStore {
    private static let tokenSelect = "SELECT id, user_id, name, role, token_hash, created_at, expires_at, revoked FROM api_tokens"

    public func createAPIToken(_ token: NewAPIToken) async throws -> APITokenRecord {
        let id = try await perform(conflict: "an API token with this hash already exists") {
            try await insertReturningID(
                """
                INSERT INTO api_tokens (user_id, name, role, token_hash, created_at, expires_at, revoked)
                VALUES (\(token.userID), \(token.name), \(token.role.rawValue), \(token.tokenHash), \(token.createdAt.milliseconds),
                        \(token.expiresAt.milliseconds), FALSE)
                RETURNING id
                """
            )
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
        try await tokens("\(unescaped: Self.tokenSelect) WHERE token_hash = \(tokenHash)").first
    }

    public func apiToken(id: Int64) async throws -> APITokenRecord? {
        try await tokens("\(unescaped: Self.tokenSelect) WHERE id = \(id)").first
    }

    public func listAPITokens(userID: Int64?) async throws -> [APITokenRecord] {
        if let userID {
            return try await tokens("\(unescaped: Self.tokenSelect) WHERE user_id = \(userID) ORDER BY id")
        }
        return try await tokens("\(unescaped: Self.tokenSelect) ORDER BY id")
    }

    public func revokeAPIToken(id: Int64) async throws -> Bool {
        try await execute("UPDATE api_tokens SET revoked = TRUE WHERE id = \(id) RETURNING id") > 0
    }

    private func tokens(_ query: PostgresQuery) async throws -> [APITokenRecord] {
        try await perform {
            var tokens: [APITokenRecord] = []
            let rows = try await client.query(query, logger: logger)
            for try await (id, userID, name, roleText, tokenHash, createdAt, expiresAt, revoked) in rows.decode(
                (Int64, Int64, String, String, String, Int64, Int64, Bool).self
            ) {
                guard let role = Role(rawValue: roleText) else { throw StoreError(.engine, "API token has an unknown role '\(roleText)'") }
                tokens.append(
                    APITokenRecord(
                        id: id,
                        userID: userID,
                        name: name,
                        role: role,
                        tokenHash: tokenHash,
                        createdAt: Timestamp(milliseconds: createdAt),
                        expiresAt: Timestamp(milliseconds: expiresAt),
                        revoked: revoked
                    )
                )
            }
            return tokens
        }
    }
}
