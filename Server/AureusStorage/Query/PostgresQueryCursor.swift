import AureusCore
import AureusCrypto
import AureusProtocol
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// How one statement's rows are read.
///
/// A server-side cursor bounds every `FETCH` by the statement timeout and keeps one page on the
/// server, but PostgreSQL never gives a cursor a parallel plan. A plain statement may use
/// parallel workers (an aggregate over a million rows runs about 1.5× faster on two cores),
/// but stays running until its last row is read. So statements the planner expects to return
/// few rows run plain, and the engine reads their whole result at once (up to
/// `PostgresQueryCursor.bufferedRows`), which ends the statement before its timeout can matter.
enum PostgresResultSource: Sendable, Equatable {
    case cursor
    case statement(String)
}

/// The open transaction of one statement, on its own query-role login. `interrupt` asks the
/// server to cancel the backend (`pg_cancel_backend`, allowed because the owner is a member of
/// every query role). A login that ends cleanly is rolled back and kept for the next query.
final class PostgresQueryCursor: QueryCursor, Sendable {
    /// The most rows a plain statement's result keeps in memory before it is read on demand.
    static let bufferedRows = 10_000

    private struct State {
        var columns: [QueryColumn] = []
        var closed = false
        var done = false
        var interrupted = false
        var fetching = false
        var failed = false
        /// A plain statement's rows not sent yet; taken out while a fetch runs.
        var rows = PendingRows()
    }

    /// A plain statement's iterator and what it has read ahead.
    private struct PendingRows: Sendable {
        var reader: PostgresRowReader?
        var started = false
        var exhausted = false
        var buffer: [[JSONValue]] = []
        var head = 0
        var available: Int { buffer.count - head }

        mutating func take(_ count: Int) -> [[JSONValue]] {
            let end = head + min(count, available)
            let rows = Array(buffer[head..<end])
            head = end
            if head == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                head = 0
            }
            return rows
        }
    }

    private let session: PostgresQueryConnections.Idle
    private let source: PostgresResultSource
    private let mode: MaskingMode
    private let connections: PostgresQueryConnections
    private let store: PostgresStore
    private let logger: Logger
    private let state = Mutex(State())
    private var connection: PostgresConnection { session.connection }

    init(
        session: PostgresQueryConnections.Idle,
        source: PostgresResultSource,
        mode: MaskingMode,
        connections: PostgresQueryConnections,
        store: PostgresStore,
        logger: Logger
    ) {
        self.session = session
        self.source = source
        self.mode = mode
        self.connections = connections
        self.store = store
        self.logger = logger
    }

    var columns: [QueryColumn] { state.withLock { $0.columns } }

    func next(maxRows: Int) async throws -> [[JSONValue]] {
        enum Claim {
            case finished, cancelled
            case claimed(PendingRows)
        }
        // A cancel that came before this fetch: `pg_cancel_backend` only stops a running
        // statement, so it is honoured here instead of being lost.
        let claim = state.withLock { state -> Claim in
            guard !state.closed, !state.done else { return .finished }
            guard !state.interrupted else { return .cancelled }
            state.fetching = true
            defer { state.rows = PendingRows() }
            return .claimed(state.rows)
        }
        var pending: PendingRows
        switch claim {
        case .finished: return []
        case .cancelled: throw QueryExecutionError(.cancelled, "interrupted")
        case .claimed(let rows): pending = rows
        }
        do {
            let rows: [[JSONValue]]
            switch source {
            case .cursor: rows = try await fetch(maxRows)
            case .statement(let sql): rows = try await read(sql, maxRows, &pending)
            }
            state.withLock { state in
                state.fetching = false
                state.rows = pending
                switch source {
                case .cursor: state.done = rows.count < maxRows
                case .statement: state.done = pending.exhausted && pending.available == 0
                }
            }
            return rows
        } catch {
            state.withLock {
                $0.fetching = false
                $0.failed = true
            }
            throw PostgresQueryEngine.classify(error)
        }
    }

    /// The next page of the declared cursor.
    private func fetch(_ maxRows: Int) async throws -> [[JSONValue]] {
        let sequence = try await connection.query(PostgresQuery(unsafeSQL: "FETCH FORWARD \(max(1, maxRows)) FROM aureus_result"), logger: logger)
        if let refusal = PostgresCellValue.unsupportedColumn(in: sequence.columns) { throw QueryExecutionError(.failed, refusal) }
        let columns = sequence.columns.map { QueryColumn(name: $0.name, type: Self.typeName($0.dataType)) }
        var rows: [[JSONValue]] = []
        for try await row in sequence {
            rows.append(row.map(PostgresCellValue.value))
        }
        state.withLock { $0.columns = columns }
        return rows
    }

    /// The next page of a plain statement: the first call runs it and reads ahead up to
    /// `bufferedRows`; later calls serve that, then read on.
    private func read(_ sql: String, _ maxRows: Int, _ pending: inout PendingRows) async throws -> [[JSONValue]] {
        var target = max(1, maxRows)
        if !pending.started {
            pending.started = true
            let sequence = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            if let refusal = PostgresCellValue.unsupportedColumn(in: sequence.columns) { throw QueryExecutionError(.failed, refusal) }
            let columns = sequence.columns.map { QueryColumn(name: $0.name, type: Self.typeName($0.dataType)) }
            state.withLock { $0.columns = columns }
            pending.reader = PostgresRowReader(sequence)
            target = max(target, Self.bufferedRows)
        }
        if !pending.exhausted, pending.available < target, let reader = pending.reader {
            let (rows, exhausted) = try await reader.read(target - pending.available)
            pending.buffer += rows
            pending.exhausted = exhausted
            if exhausted { pending.reader = nil }
        }
        return pending.take(max(1, maxRows))
    }

    func interrupt() {
        let pid = session.backendPID
        // A cancel request may land late; this login must not serve another query after it.
        state.withLock { $0.interrupted = true }
        // The cancel can also reach the server just before a FETCH starts running, and be lost:
        // repeat it every 50 ms while a fetch is in flight (at most 5 s).
        Task { [self] in
            for _ in 0..<100 {
                _ = try? await store.client.query("SELECT pg_cancel_backend(\(pid))", logger: logger).collect()
                try? await Task.sleep(for: .milliseconds(50))
                guard state.withLock({ $0.fetching && !$0.closed }) else { return }
            }
        }
    }

    /// Rolls back and keeps the login when the statement ended cleanly (never after a cancel,
    /// which could still land on the next query, nor mid-read); closes it otherwise.
    func close() async {
        let reusable = state.withLock { state -> Bool? in
            guard !state.closed else { return nil }
            state.closed = true
            let finishedReading = source == .cursor || state.rows.exhausted || !state.rows.started
            return !state.interrupted && !state.failed && !state.fetching && finishedReading
        }
        guard let reusable else { return }
        if reusable, (try? await connection.query("ROLLBACK", logger: logger)) != nil, await connections.give(session, mode: mode) {
            return
        }
        try? await connection.close()
    }

    static func typeName(_ type: PostgresDataType) -> String {
        switch type {
        case .int2, .int4, .int8: "INTEGER"
        case .float4, .float8, .numeric: "REAL"
        case .text, .varchar, .bpchar, .name: "TEXT"
        default: type.knownSQLName ?? "\(type.rawValue)"
        }
    }
}

/// A plain statement's row iterator, which is not `Sendable`, kept on an actor of its own and
/// read in batches.
actor PostgresRowReader {
    private var iterator: PostgresRowSequence.AsyncIterator

    init(_ sequence: PostgresRowSequence) { iterator = sequence.makeAsyncIterator() }

    /// Up to `count` rows, and whether the result ended.
    func read(_ count: Int) async throws -> (rows: [[JSONValue]], exhausted: Bool) {
        var rows: [[JSONValue]] = []
        var iterator = self.iterator
        defer { self.iterator = iterator }
        while rows.count < count {
            guard let row = try await iterator.next(isolation: self) else { return (rows, true) }
            rows.append(row.map(PostgresCellValue.value))
        }
        return (rows, false)
    }
}
