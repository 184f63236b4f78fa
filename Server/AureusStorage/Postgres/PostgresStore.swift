import AureusCore
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The shared store: PostgreSQL through postgres-nio's `PostgresClient` connection pool.
///
/// - Important: The client leases connections only while `run()` is running, so put the store
///   first in the `ServiceGroup` (or run it in a task) before calling `migrate()` or anything else.
///
/// ```swift
/// let store = try PostgresStore(url: "postgres://aureus:secret@127.0.0.1:5432/aureus", logger: logger)
/// let services = ServiceGroup(services: [store, httpServer], logger: logger)
/// ```
public final class PostgresStore: Sendable {
    let client: PostgresClient
    let url: PostgresURL?
    let logger: Logger
    let digester = LibsodiumDigester()
    /// Idle query-role logins, shared by this store's query engines; closed when `run()` ends.
    let queryLogins = PostgresQueryConnections()
    /// Finishing this stream ends `run()`, which is how `close()` stops the client.
    private let closeSignal: AsyncStream<Never>
    private let closeContinuation: AsyncStream<Never>.Continuation
    private let closed = Atomic<Bool>(false)

    /// Advisory lock keys ("AUREUS" in ASCII, then a number), constant across processes.
    static let migrationLockKey: Int64 = 0x4155_5245_5553_0001
    static let auditLockKey: Int64 = 0x4155_5245_5553_0002

    /// - Throws: `StoreError(.unavailable)` when the URL does not parse.
    public convenience init(url: String, logger: Logger) throws {
        self.init(url: try PostgresURL(url), logger: logger)
    }

    public convenience init(url: PostgresURL, logger: Logger) {
        self.init(configuration: url.clientConfiguration, logger: logger, url: url)
    }

    /// - Parameter url: where the query roles connect (`queryEngine`); nil disables queries.
    public init(configuration: PostgresClient.Configuration, logger: Logger, url: PostgresURL? = nil) {
        self.url = url
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        (closeSignal, closeContinuation) = AsyncStream.makeStream()
    }

    /// Stops the client (ends `run()`); later calls throw `.unavailable`.
    func markClosed() {
        closed.store(true, ordering: .relaxed)
        closeContinuation.finish()
    }

    /// Runs `body` and converts any error once; refuses work after `close()`.
    @discardableResult
    func perform<T: Sendable>(conflict: String? = nil, _ body: () async throws -> T) async throws -> T {
        guard !closed.load(ordering: .relaxed) else { throw StoreError(.unavailable, "the PostgreSQL store is closed") }
        do {
            return try await body()
        } catch {
            throw StoreError.postgres(error, conflict: conflict)
        }
    }

    /// Runs `body` in one transaction on one leased connection; rolls back when it throws.
    func transaction<T: Sendable>(conflict: String? = nil, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await perform(conflict: conflict) {
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    /// Runs an `INSERT … RETURNING id` and returns the id. Call inside `perform` so errors map once.
    func insertReturningID(_ query: PostgresQuery) async throws -> Int64 {
        var id: Int64?
        for try await value in try await client.query(query, logger: logger).decode(Int64.self) { id = value }
        guard let id else { throw StoreError(.engine, "INSERT … RETURNING id returned no row") }
        return id
    }

    /// Runs a statement and discards any rows; returns how many rows it returned.
    @discardableResult
    func execute(_ query: PostgresQuery) async throws -> Int {
        try await perform { try await client.query(query, logger: logger).collect().count }
    }
}

extension PostgresStore: Service {
    /// Runs the connection pool until graceful shutdown, cancellation or `close()`.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.client.run() }
            group.addTask {
                for await _ in self.closeSignal {}
            }
            // Whichever ends first (client shut down, or close() called) ends the other.
            await group.next()
            group.cancelAll()
        }
        await queryLogins.closeAll()
    }
}

extension PostgresStore: StoreHealth {
    /// `SELECT 1`, bounded by `timeout` because a pool that cannot connect waits for a long
    /// time before failing, and `/ready` must answer promptly.
    public func ping() async throws {
        try await ping(timeout: .seconds(3))
    }

    public func ping(timeout: Duration) async throws {
        try await perform {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { _ = try await self.client.query("SELECT 1", logger: self.logger).collect() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw StoreError(.unavailable, "PostgreSQL did not answer within \(timeout)")
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        }
    }
}

extension PostgresStore: _RawSQLExecuting {
    public func _executeRaw(_ sql: String) async throws {
        try await execute(PostgresQuery(unsafeSQL: sql))
    }

    public func _queryRawInt64(_ sql: String) async throws -> Int64? {
        try await perform {
            var first: Int64?
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int64.self) where first == nil {
                first = value
            }
            return first
        }
    }
}
