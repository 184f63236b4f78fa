import AureusCore
import AureusCrypto
import AureusProtocol
import PostgresNIO

extension PostgresStore: SharedSecretStore {
    public func sharedSecret(named name: String, proposing proposed: [UInt8], now: Timestamp) async throws -> [UInt8] {
        let stored: String? = try await perform {
            // Insert-or-keep and read back in one statement: the CTE's insert is invisible to the
            // outer SELECT, so the UNION returns the new row or the one that was already there.
            let rows = try await client.query(
                """
                WITH inserted AS (
                    INSERT INTO shared_secrets (name, value_hex, created_ms) VALUES (\(name), \(Hex.encode(proposed)), \(now.milliseconds))
                    ON CONFLICT (name) DO NOTHING RETURNING value_hex
                )
                SELECT value_hex FROM inserted UNION ALL SELECT value_hex FROM shared_secrets WHERE name = \(name)
                """,
                logger: logger
            )
            var found: String?
            for try await value in rows.decode(String.self) where found == nil { found = value }
            return found
        }
        return try SharedSecretHex.decode(stored, name: name)
    }
}
