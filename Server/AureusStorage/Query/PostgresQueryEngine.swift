import AureusCore
import AureusCrypto
import AureusProtocol
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// `QueryEngine` on PostgreSQL: each query logs in as its mode's query role on a connection of
/// its own, opens a read-only transaction with a statement timeout, declares a server-side
/// cursor for the statement and fetches it page by page, so the server holds one page at a
/// time and every `FETCH` is bounded by the timeout.
public struct PostgresQueryEngine: QueryEngine {
    let store: PostgresStore
    let url: PostgresURL
    let roles: PostgresQueryRoles
    let maskKey: [UInt8]
    let statementTimeout: Duration
    let connections = PostgresQueryConnections()
    let logger: Logger
    public var dialect: String { "PostgreSQL" }

    public func start(
        _ statement: GuardedStatement,
        role: Role,
        datasets: [DatasetDefinition],
        timeout: Duration
    ) async throws
        -> any QueryCursor
    {
        let mode = MaskingMode.forRole(role)
        if let pooled = await connections.take(mode) {
            // An idle login the server has since dropped fails at BEGIN: retry once, fresh.
            if let cursor = try? await begin(statement, on: pooled, mode: mode, timeout: timeout) { return cursor }
        }
        return try await begin(statement, on: try await connect(mode), mode: mode, timeout: timeout)
    }

    private func begin(
        _ statement: GuardedStatement,
        on session: PostgresQueryConnections.Idle,
        mode: MaskingMode,
        timeout: Duration
    )
        async throws -> any QueryCursor
    {
        let connection = session.connection
        do {
            let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
            try await connection.query("BEGIN READ ONLY", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL statement_timeout = \(milliseconds)"), logger: logger)
            // Cursors are planned for their first 10 % by default (fast-start plans); analysts'
            // aggregates want the whole result fast, as psql would plan it.
            try await connection.query("SET LOCAL cursor_tuple_fraction = 1.0", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "DECLARE aureus_result NO SCROLL CURSOR FOR \(statement.sql)"), logger: logger)
            return PostgresQueryCursor(session: session, mode: mode, connections: connections, store: store, logger: logger)
        } catch {
            try? await connection.close()
            throw Self.classify(error)
        }
    }

    /// A fresh login as `mode`'s query role, with its backend pid for `pg_cancel_backend`.
    private func connect(_ mode: MaskingMode) async throws -> PostgresQueryConnections.Idle {
        let configuration = try url.connectionConfiguration(username: roles.roleName(mode), password: roles.password)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: Int.random(in: 1...Int.max), logger: logger)
        } catch {
            throw QueryExecutionError(.unavailable, "cannot connect as the query role: \(String(reflecting: error).prefix(200))")
        }
        do {
            var pid: Int32 = 0
            for try await value in try await connection.query("SELECT pg_backend_pid()", logger: logger).decode(Int32.self) { pid = value }
            return PostgresQueryConnections.Idle(connection: connection, backendPID: pid)
        } catch {
            try? await connection.close()
            throw Self.classify(error)
        }
    }

    public func installViews(_ datasets: [DatasetDefinition]) async throws {
        try await store.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresStore.migrationLockKey))", logger: logger)
            var owner = ""
            for try await name in try await connection.query("SELECT current_user::text", logger: logger).decode(String.self) { owner = name }
            let milliseconds = statementTimeout.components.seconds * 1000
            for sql in roles.provisioning(datasets: datasets, maskKey: maskKey, statementTimeoutMilliseconds: milliseconds, owner: owner) {
                try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            }
        }
    }

    public func rowCount(of dataset: DatasetDefinition) async throws -> Int64 {
        try await store.perform {
            var count: Int64 = 0
            let sql = "SELECT COUNT(*) FROM \(dataset.from)"
            for try await value in try await store.client.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int64.self) {
                count = value
            }
            return count
        }
    }

    /// Refusals (permissions, read-only, unknown objects) versus failures, by SQLSTATE.
    static func classify(_ error: any Error) -> any Error {
        guard let psql = error as? PSQLError, let code = psql.serverInfo?[.sqlState] else {
            if let error = error as? QueryExecutionError { return error }
            return QueryExecutionError(.failed, "\(String(reflecting: error).prefix(300))")
        }
        let message = psql.serverInfo?[.message] ?? "error \(code)"
        switch code {
        case "42501", "25006", "0A000":
            return QueryRefusal(.database, message)
        case "57014":
            return message.contains("timeout")
                ? QueryExecutionError(.timeout, "the statement ran longer than its time limit and was stopped")
                : QueryExecutionError(.cancelled, "interrupted")
        default:
            return QueryExecutionError(.failed, message)
        }
    }
}

/// The open transaction and cursor of one statement. `interrupt` asks the server to cancel
/// the backend (`pg_cancel_backend`, allowed because the owner is a member of every query role).
final class PostgresQueryCursor: QueryCursor, Sendable {
    private let session: PostgresQueryConnections.Idle
    private let mode: MaskingMode
    private let connections: PostgresQueryConnections
    private let store: PostgresStore
    private let logger: Logger
    private let state = Mutex<(columns: [QueryColumn], closed: Bool, done: Bool, interrupted: Bool, fetching: Bool)>(([], false, false, false, false))
    private var connection: PostgresConnection { session.connection }

    init(session: PostgresQueryConnections.Idle, mode: MaskingMode, connections: PostgresQueryConnections, store: PostgresStore, logger: Logger) {
        self.session = session
        self.mode = mode
        self.connections = connections
        self.store = store
        self.logger = logger
    }

    var columns: [QueryColumn] { state.withLock { $0.columns } }

    func next(maxRows: Int) async throws -> [[JSONValue]] {
        guard state.withLock({ !$0.closed && !$0.done }) else { return [] }
        // A cancel that came before this fetch: `pg_cancel_backend` only stops a running
        // statement, so it is honoured here instead of being lost.
        let cancelled = state.withLock { state in
            state.fetching = !state.interrupted
            return state.interrupted
        }
        if cancelled { throw QueryExecutionError(.cancelled, "interrupted") }
        defer { state.withLock { $0.fetching = false } }
        do {
            let sequence = try await connection.query(PostgresQuery(unsafeSQL: "FETCH FORWARD \(max(1, maxRows)) FROM aureus_result"), logger: logger)
            let columns = sequence.columns.map { QueryColumn(name: $0.name, type: Self.typeName($0.dataType)) }
            var rows: [[JSONValue]] = []
            for try await row in sequence {
                rows.append(row.map(Self.value))
            }
            state.withLock {
                $0.columns = columns
                if rows.count < maxRows { $0.done = true }
            }
            return rows
        } catch {
            throw PostgresQueryEngine.classify(error)
        }
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

    func close() async {
        guard
            state.withLock({ state in
                defer { state.closed = true }
                return !state.closed
            })
        else { return }
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

    static func value(_ cell: PostgresCell) -> JSONValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return (try? cell.decode(Int64.self)).map { .int($0) } ?? .null
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map { .double($0) } ?? .null
        case .numeric:
            return (try? cell.decode(Decimal.self)).map { .double(NSDecimalNumber(decimal: $0).doubleValue) } ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map { .string($0 ? "true" : "false") } ?? .null
        case .bytea:
            return (try? cell.decode([UInt8].self)).map { .string("\\x" + $0.map { String(format: "%02x", $0) }.joined()) } ?? .null
        case .timestamp, .timestamptz, .date:
            return (try? cell.decode(Date.self)).map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null
        default:
            return (try? cell.decode(String.self)).map { .string($0) } ?? .null
        }
    }
}

extension PostgresStore {
    /// The query engine for this database. Creates (or refreshes) the query roles, schemas and
    /// views; needs the store migrated and running.
    public func queryEngine(maskKey: [UInt8], statementTimeout: Duration = .seconds(30)) async throws -> any QueryEngine {
        guard let url else { throw QueryExecutionError(.unavailable, "this PostgreSQL store was opened without a URL; queries are off") }
        let password = try await queryRolePassword()
        return PostgresQueryEngine(
            store: self,
            url: url,
            roles: PostgresQueryRoles(database: url.database ?? url.username, password: password),
            maskKey: maskKey,
            statementTimeout: statementTimeout,
            logger: logger
        )
    }

    /// The query roles' password, generated once and shared by every instance.
    private func queryRolePassword() async throws -> String {
        let candidate = Hex.encode(SecureRandom.bytes(24))
        return try await transaction { connection in
            try await connection.query(
                "INSERT INTO query_settings (name, value) VALUES ('query_role_password', \(candidate)) ON CONFLICT (name) DO NOTHING",
                logger: logger
            )
            var value = candidate
            for try await text in try await connection.query("SELECT value FROM query_settings WHERE name = 'query_role_password'", logger: logger)
                .decode(String.self)
            {
                value = text
            }
            return value
        }
    }
}
