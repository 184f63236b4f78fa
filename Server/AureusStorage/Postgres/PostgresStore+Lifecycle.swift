import AureusCore
import PostgresNIO

extension PostgresStore: StoreLifecycle {
    public var latestSchemaVersion: Int { Migrations.latestVersion }

    /// Applies pending migrations in one transaction under an advisory lock, so several
    /// `aureusd` processes starting together apply each migration exactly once.
    public func migrate() async throws {
        let applied = try await transaction { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))", logger: logger).collect()
            _ = try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
                logger: logger
            ).collect()
            let current = try await Self.currentVersion(connection, logger: logger)
            let pending = try Migrations.pending(after: current)
            for migration in pending {
                for statement in migration.postgres {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).collect()
                }
                _ = try await connection.query(
                    """
                    INSERT INTO schema_migrations (version, applied_at)
                    VALUES (\(Int32(migration.version)), (extract(epoch FROM clock_timestamp()) * 1000)::bigint)
                    """,
                    logger: logger
                ).collect()
            }
            return pending.map(\.version)
        }
        if !applied.isEmpty {
            logger.info("applied migrations", metadata: ["aureus.store": "postgres", "aureus.migrations": "\(applied)"])
        }
    }

    public func schemaVersion() async throws -> Int {
        try await perform {
            try await client.withConnection { connection in
                let rows = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
                var exists = false
                for try await flag in rows.decode(Bool.self) { exists = flag }
                guard exists else { return 0 }
                return try await Self.currentVersion(connection, logger: logger)
            }
        }
    }

    public func close() async {
        markClosed()
    }

    private static func currentVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("SELECT COALESCE(MAX(version), 0)::bigint FROM schema_migrations", logger: logger)
        var version: Int64 = 0
        for try await value in rows.decode(Int64.self) { version = value }
        return Int(version)
    }
}
