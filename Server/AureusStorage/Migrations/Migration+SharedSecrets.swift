extension Migration {
    /// Version 6: secrets every instance shares (the user pseudonym key), hex-encoded.
    static let sharedSecrets = Migration(
        version: 6,
        name: "shared secrets",
        sqlite: [
            "CREATE TABLE shared_secrets (name TEXT PRIMARY KEY, value_hex TEXT NOT NULL, created_ms INTEGER NOT NULL) WITHOUT ROWID"
        ],
        postgres: ["CREATE TABLE shared_secrets (name TEXT PRIMARY KEY, value_hex TEXT NOT NULL, created_ms BIGINT NOT NULL)"]
    )
}
