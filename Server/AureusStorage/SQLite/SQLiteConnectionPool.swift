import AureusCore
import NIOPosix
import Synchronization

/// One writer connection and a few readers, each used by one thread at a time, with every
/// blocking call moved to a `NIOThreadPool` thread.
///
/// WAL mode lets readers run beside the writer. All writes in this process queue on the one
/// writer `Mutex`; writes from *other* processes are serialised by SQLite's file lock, which
/// `busy_timeout` waits for.
final class SQLiteConnectionPool: Sendable {
    private let writer: SQLiteConnectionSlot
    private let readers: [SQLiteConnectionSlot]
    private let nextReader = Atomic<Int>(0)
    let threadPool: NIOThreadPool

    /// Opens the writer first (it creates the file and switches it to WAL), then the readers.
    init(path: String, options: SQLiteOptions, threadPool: NIOThreadPool) async throws {
        self.threadPool = threadPool
        let writer = SQLiteConnectionSlot()
        let readers = (0..<max(1, options.readerCount)).map { _ in SQLiteConnectionSlot() }
        self.writer = writer
        self.readers = readers
        do {
            try await threadPool.runIfActive {
                try writer.connection.withLock { $0 = try SQLiteDatabase(path: path, options: options, readOnly: false) }
                for reader in readers {
                    try reader.connection.withLock { $0 = try SQLiteDatabase(path: path, options: options, readOnly: true) }
                }
            }
        } catch {
            await close()
            throw StoreError.sqlite(error)
        }
    }

    /// Runs `body` on the writer connection, off the caller's task.
    @discardableResult
    func write<T: Sendable>(conflict: String? = nil, _ body: @escaping @Sendable (SQLiteDatabase) throws -> T) async throws -> T {
        do {
            return try await threadPool.runIfActive { [writer] in
                try writer.connection.withLock { connection in
                    guard let connection else { throw Self.closedError }
                    return try body(connection)
                }
            }
        } catch {
            throw StoreError.sqlite(error, conflict: conflict)
        }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction on the writer: the file's write lock is
    /// taken up front, so a read-then-write (the audit chain's last hash) cannot interleave with
    /// another process. Rolls back when `body` throws.
    @discardableResult
    func transaction<T: Sendable>(conflict: String? = nil, _ body: @escaping @Sendable (SQLiteDatabase) throws -> T) async throws -> T {
        try await write(conflict: conflict) { connection in
            try connection.execute("BEGIN IMMEDIATE")
            do {
                let result = try body(connection)
                try connection.execute("COMMIT")
                return result
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs `body` on one of the read-only connections, round robin.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count
        let reader = readers[index]
        do {
            return try await threadPool.runIfActive {
                try reader.connection.withLock { connection in
                    guard let connection else { throw Self.closedError }
                    return try body(connection)
                }
            }
        } catch {
            throw StoreError.sqlite(error)
        }
    }

    /// Closes every connection; later calls throw `.unavailable`. Runs inline when the thread
    /// pool has already stopped (shutdown order), since closing must happen either way.
    func close() async {
        let closeAll: @Sendable () -> Void = { [writer, readers] in
            for reader in readers { reader.connection.withLock { $0 = nil } }
            writer.connection.withLock { $0 = nil }
        }
        do {
            try await threadPool.runIfActive(closeAll)
        } catch {
            closeAll()
        }
    }

    private static let closedError = StoreError(.unavailable, "the SQLite store is closed")
}

/// One connection behind its own lock (`Mutex` is not copyable, so it cannot sit in an array).
private final class SQLiteConnectionSlot: Sendable {
    /// nil until opened and after closing.
    let connection = Mutex<SQLiteDatabase?>(nil)
}
