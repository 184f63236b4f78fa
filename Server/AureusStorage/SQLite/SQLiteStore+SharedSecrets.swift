import AureusCore
import AureusCrypto
import AureusProtocol

extension SQLiteStore: SharedSecretStore {
    public func sharedSecret(named name: String, proposing proposed: [UInt8], now: Timestamp) async throws -> [UInt8] {
        let stored = try await pool.write { db in
            _ = try db.run(
                "INSERT INTO shared_secrets (name, value_hex, created_ms) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                [.text(name), .text(Hex.encode(proposed)), .integer(now.milliseconds)]
            )
            return try db.query("SELECT value_hex FROM shared_secrets WHERE name = ?", [.text(name)]).first?.text(0)
        }
        return try SharedSecretHex.decode(stored, name: name)
    }
}
