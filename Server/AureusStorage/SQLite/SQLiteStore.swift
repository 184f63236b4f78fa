import AureusCore
import Logging
import NIOPosix
import ServiceLifecycle

/// The embedded store: one SQLite file in the data directory, no server to run.
///
/// WAL journal, `synchronous=FULL` by default, foreign keys on, one writer connection and a
/// small pool of readers. Every sqlite3 call runs on the given `NIOThreadPool`, never on the
/// caller's task.
///
/// ```swift
/// let store = try await SQLiteStore(path: "/var/lib/aureus/aureus.sqlite", threadPool: .singleton, logger: logger)
/// try await store.migrate()
/// ```
public final class SQLiteStore: Sendable {
    let pool: SQLiteConnectionPool
    let logger: Logger
    let digester = LibsodiumDigester()
    public let path: String

    /// Opens (creating if needed) the database file. The directory must exist.
    public init(path: String, options: SQLiteOptions = SQLiteOptions(), threadPool: NIOThreadPool, logger: Logger) async throws {
        self.path = path
        self.logger = logger
        self.pool = try await SQLiteConnectionPool(path: path, options: options, threadPool: threadPool)
    }
}

extension SQLiteStore: StoreLifecycle {
    public var latestSchemaVersion: Int { Migrations.latestVersion }

    /// Applies pending migrations in one `BEGIN IMMEDIATE` transaction, so a second process
    /// migrating at the same time waits and then finds nothing left to do.
    public func migrate() async throws {
        let applied = try await pool.transaction { db in
            try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
            let current = try db.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").first?.int64(0) ?? 0
            let pending = try Migrations.pending(after: Int(current))
            for migration in pending {
                for statement in migration.sqlite { try db.execute(statement) }
                try db.run(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, CAST(strftime('%s', 'now') AS INTEGER) * 1000)",
                    [.integer(Int64(migration.version))]
                )
            }
            return pending.map(\.version)
        }
        if !applied.isEmpty {
            logger.info("applied migrations", metadata: ["aureus.store": "sqlite", "aureus.migrations": "\(applied)"])
        }
    }

    public func schemaVersion() async throws -> Int {
        try await pool.read { db in
            let exists = try db.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
            guard try exists.first?.int64(0) == 1 else { return 0 }
            return Int(try db.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").first?.int64(0) ?? 0)
        }
    }

    public func close() async {
        await pool.close()
    }
}

extension SQLiteStore: StoreHealth {
    public func ping() async throws {
        _ = try await pool.read { db in try db.query("SELECT 1").count }
    }
}

extension SQLiteStore: _RawSQLExecuting {
    public func _executeRaw(_ sql: String) async throws {
        try await pool.write { db in try db.execute(sql) }
    }

    public func _queryRawInt64(_ sql: String) async throws -> Int64? {
        try await pool.read { db in try db.query(sql).first?.int64(0) }
    }
}

extension SQLiteStore: Service {
    /// Nothing runs in the background; waits for graceful shutdown (or cancellation), then closes.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }
}
