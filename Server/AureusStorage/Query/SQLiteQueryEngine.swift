import AureusCore
import AureusProtocol
import NIOPosix
import Synchronization

/// `QueryEngine` on the embedded store: every query gets its own read-only connection (cheap
/// for SQLite, and it keeps a slow reader from holding a store connection), prepared under
/// `SQLiteAuthorizerPolicy`.
public struct SQLiteQueryEngine: QueryEngine {
    let path: String
    let maskKey: [UInt8]
    let functions: Set<String>
    let threadPool: NIOThreadPool
    let store: SQLiteStore
    public var dialect: String { "SQLite" }

    public func start(
        _ statement: GuardedStatement,
        role: Role,
        datasets: [DatasetDefinition],
        timeout: Duration
    ) async throws
        -> any QueryCursor
    {
        let mode = MaskingMode.forRole(role)
        let (connection, columns) = try await threadPool.runIfActive { [path, maskKey, functions] in
            let connection: SQLiteQueryConnection
            do {
                connection = try SQLiteQueryConnection(path: path, datasets: datasets, mode: mode, maskKey: maskKey, functions: functions)
            } catch {
                throw QueryExecutionError(.unavailable, "cannot open a query connection: \(error)")
            }
            do {
                return (connection, try connection.prepare(statement.sql))
            } catch let error as QueryRefusalOrFailure {
                connection.close()
                switch error {
                case .refusal(let refusal): throw refusal
                case .failure(let failure): throw failure
                }
            }
        }
        return SQLiteQueryCursor(connection: connection, columns: columns, threadPool: threadPool, timeout: timeout)
    }

    /// Views live in each query connection's `temp` schema, created when it opens.
    public func installViews(_ datasets: [DatasetDefinition]) async throws {}

    public func rowCount(of dataset: DatasetDefinition) async throws -> Int64 {
        try await store.pool.read { db in try db.query("SELECT COUNT(*) FROM \(dataset.from)").first?.int64(0) ?? 0 }
    }
}

/// One running statement on its own connection. Each `next` runs on the thread pool with a
/// deadline: past `timeout`, a timer interrupts the statement and `next` throws `.timeout`.
final class SQLiteQueryCursor: QueryCursor, Sendable {
    let columns: [QueryColumn]
    private let connection: SQLiteQueryConnection
    private let threadPool: NIOThreadPool
    private let timeout: Duration
    private let state = Mutex<(closed: Bool, timedOut: Bool)>((false, false))
    /// Serialises `next` and `close` (the connection is single-threaded).
    private let work = Mutex<Void>(())

    init(connection: SQLiteQueryConnection, columns: [QueryColumn], threadPool: NIOThreadPool, timeout: Duration) {
        self.connection = connection
        self.columns = columns
        self.threadPool = threadPool
        self.timeout = timeout
    }

    func next(maxRows: Int) async throws -> [[JSONValue]] {
        guard !state.withLock({ $0.closed }) else { return [] }
        let timer = Task { [weak self, timeout] in
            try await Task.sleep(for: timeout)
            self?.state.withLock { $0.timedOut = true }
            self?.connection.interrupt()
        }
        defer { timer.cancel() }
        do {
            return try await threadPool.runIfActive { [self] in
                try self.work.withLock { _ in try self.connection.step(maxRows: maxRows) }
            }
        } catch let error as QueryExecutionError where error.kind == .cancelled {
            if state.withLock({ $0.timedOut }) {
                throw QueryExecutionError(.timeout, "the statement ran longer than the \(timeout) limit and was stopped")
            }
            throw error
        }
    }

    func interrupt() { connection.interrupt() }

    func close() async {
        guard
            state.withLock({ state in
                defer { state.closed = true }
                return !state.closed
            })
        else { return }
        connection.interrupt()
        let close: @Sendable () -> Void = { [self] in self.work.withLock { _ in self.connection.close() } }
        do { try await threadPool.runIfActive(close) } catch { close() }
    }
}

extension SQLiteStore {
    /// The query engine over this store's file. The store must be migrated first.
    public func queryEngine(maskKey: [UInt8], functions: Set<String> = FunctionAllowList.standard) -> any QueryEngine {
        SQLiteQueryEngine(path: path, maskKey: maskKey, functions: functions, threadPool: pool.threadPool, store: self)
    }
}
