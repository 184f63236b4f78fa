import AureusCore
import AureusProtocol
import PostgresNIO

extension PostgresStore: SessionStore {
    public func createSession(_ session: SessionRecord) async throws {
        try await perform(conflict: "a session with this token already exists") {
            try await client.query(
                """
                INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
                VALUES (\(session.tokenHash), \(session.userID), \(session.createdAt.milliseconds), \(session.expiresAt.milliseconds))
                """,
                logger: logger
            ).collect()
        }
    }

    public func session(tokenHash: String) async throws -> SessionRecord? {
        try await perform {
            let rows = try await client.query(
                "SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = \(tokenHash)",
                logger: logger
            )
            var found: SessionRecord?
            for try await (hash, userID, createdAt, expiresAt) in rows.decode((String, Int64, Int64, Int64).self) {
                found = SessionRecord(
                    tokenHash: hash,
                    userID: userID,
                    createdAt: Timestamp(milliseconds: createdAt),
                    expiresAt: Timestamp(milliseconds: expiresAt)
                )
            }
            return found
        }
    }

    public func extendSession(tokenHash: String, expiresAt: Timestamp) async throws {
        try await execute("UPDATE sessions SET expires_at = \(expiresAt.milliseconds) WHERE token_hash = \(tokenHash)")
    }

    public func deleteSession(tokenHash: String) async throws {
        try await execute("DELETE FROM sessions WHERE token_hash = \(tokenHash)")
    }

    public func deleteSessions(userID: Int64) async throws {
        try await execute("DELETE FROM sessions WHERE user_id = \(userID)")
    }

    public func purgeExpiredSessions(now: Timestamp) async throws -> Int {
        try await execute("DELETE FROM sessions WHERE expires_at < \(now.milliseconds) RETURNING token_hash")
    }
}
