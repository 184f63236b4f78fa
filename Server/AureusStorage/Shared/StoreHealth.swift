import AureusCore
import ServiceLifecycle

/// A cheap liveness check of the database behind a store, for `/ready`.
public protocol StoreHealth: Sendable {
    /// Runs a trivial query (`SELECT 1`).
    ///
    /// - Throws: `StoreError(.unavailable)` when the database cannot answer.
    func ping() async throws
}

/// What `StoreFactory` hands the server: the store ports, a readiness probe, and a `Service`
/// to put first in the `ServiceGroup` (PostgreSQL's connection pool only works while it runs).
public typealias RunnableStore = AureusStore & StoreHealth & Service & QueryCatalogStore & QueryEngineFactory

/// Test-only raw SQL access, so tests can tamper with the audit table the way an attacker
/// with database access would, and count rows no port exposes. Not API: the server never calls it.
public protocol _RawSQLExecuting: Sendable {
    func _executeRaw(_ sql: String) async throws
    /// The first column of the first row as an integer (`SELECT COUNT(*) …`); nil for no rows.
    func _queryRawInt64(_ sql: String) async throws -> Int64?
}

/// Builds the `QueryEngine` for a store once it is migrated and running.
public protocol QueryEngineFactory: Sendable {
    func makeQueryEngine(maskKey: [UInt8], statementTimeout: Duration) async throws -> any QueryEngine
}

extension SQLiteStore: QueryEngineFactory {
    public func makeQueryEngine(maskKey: [UInt8], statementTimeout: Duration) async throws -> any QueryEngine {
        queryEngine(maskKey: maskKey)
    }
}

extension PostgresStore: QueryEngineFactory {
    public func makeQueryEngine(maskKey: [UInt8], statementTimeout: Duration) async throws -> any QueryEngine {
        try await queryEngine(maskKey: maskKey, statementTimeout: statementTimeout)
    }
}
