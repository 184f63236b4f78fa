import AureusProtocol

/// Secrets that every instance on one database must hold the same copy of, such as the key that
/// turns provider user ids into pseudonyms: two instances with different keys would file one
/// person's samples under two pseudonyms.
///
/// Kept in the database rather than in each instance's data directory so that a new instance
/// needs no copied file. The query engine never exposes the table (its datasets are an
/// allow-list), and nothing logs the value.
public protocol SharedSecretStore: Sendable {
    /// Stores `proposed` under `name` unless a value is there already, and returns what is stored.
    /// The first writer wins, atomically, so instances starting together agree.
    func sharedSecret(named name: String, proposing proposed: [UInt8], now: Timestamp) async throws -> [UInt8]
}
