import AureusCore
import AureusProtocol

extension SQLiteStore: SessionStore {
    public func createSession(_ session: SessionRecord) async throws {
        try await pool.write(conflict: "a session with this token already exists") { db in
            try db.run(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                [
                    .text(session.tokenHash), .integer(session.userID), .integer(session.createdAt.milliseconds),
                    .integer(session.expiresAt.milliseconds),
                ]
            )
        }
    }

    public func session(tokenHash: String) async throws -> SessionRecord? {
        try await pool.read { db in
            try db.query("SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?", [.text(tokenHash)])
                .map { row in
                    SessionRecord(
                        tokenHash: try row.text(0),
                        userID: try row.int64(1),
                        createdAt: Timestamp(milliseconds: try row.int64(2)),
                        expiresAt: Timestamp(milliseconds: try row.int64(3))
                    )
                }
                .first
        }
    }

    public func extendSession(tokenHash: String, expiresAt: Timestamp) async throws {
        try await pool.write { db in
            try db.run("UPDATE sessions SET expires_at = ? WHERE token_hash = ?", [.integer(expiresAt.milliseconds), .text(tokenHash)])
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await pool.write { db in try db.run("DELETE FROM sessions WHERE token_hash = ?", [.text(tokenHash)]) }
    }

    public func deleteSessions(userID: Int64) async throws {
        try await pool.write { db in try db.run("DELETE FROM sessions WHERE user_id = ?", [.integer(userID)]) }
    }

    public func purgeExpiredSessions(now: Timestamp) async throws -> Int {
        try await pool.write { db in try db.run("DELETE FROM sessions WHERE expires_at < ?", [.integer(now.milliseconds)]) }
    }
}
