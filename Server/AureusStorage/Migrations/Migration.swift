import AureusCore

/// One numbered schema change, written once per dialect.
///
/// Both stores apply the same numbers in the same order, so `schemaVersion()` means the same
/// thing whichever database runs underneath. Each dialect's change is a list of single
/// statements because PostgreSQL's extended protocol runs one statement per query.
struct Migration: Sendable {
    let version: Int
    let name: String
    let sqlite: [String]
    let postgres: [String]
}

/// Every migration this binary knows, oldest first. Append only: never edit a shipped entry.
enum Migrations {
    static let all: [Migration] = [.initialSchema, .webhooks, .approvals, .queries, .spikeWindows, .sharedSecrets]

    static var latestVersion: Int { all.last?.version ?? 0 }

    /// Which migrations to apply on top of `currentVersion`.
    ///
    /// - Throws: `StoreError(.migration)` when the database is newer than this binary: running
    ///   old code against a newer schema could corrupt it, so the server refuses to start.
    static func pending(after currentVersion: Int, known: [Migration] = all) throws -> [Migration] {
        let latest = known.last?.version ?? 0
        guard currentVersion <= latest else {
            throw StoreError(
                .migration,
                "the database schema is at version \(currentVersion) but this aureusd only knows up to \(latest); upgrade aureusd"
            )
        }
        return known.filter { $0.version > currentVersion }
    }
}
