import AureusCore
import AureusCrypto
import AureusProtocol
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// `QueryEngine` on PostgreSQL: each query runs as its mode's query role on a login of its own
/// (kept for the next query when it ends cleanly), in a read-only transaction with a statement
/// timeout. Large results are read through a server-side cursor page by page, so the server
/// holds one page at a time and every `FETCH` is bounded by the timeout; small ones run plain,
/// so they can use parallel workers (`PostgresResultSource`).
public struct PostgresQueryEngine: QueryEngine {
    let store: PostgresStore
    let url: PostgresURL
    let roles: PostgresQueryRoles
    let maskKey: [UInt8]
    let statementTimeout: Duration
    var connections: PostgresQueryConnections { store.queryLogins }
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
            let source: PostgresResultSource
            if try await Self.estimatedRows(statement.sql, on: connection, logger: logger) <= Self.plainStatementRowEstimate {
                source = .statement(statement.sql)
            } else {
                // Cursors are planned for their first 10 % by default (fast-start plans); a large
                // result still wants the whole of it fast, as psql would plan it.
                try await connection.query("SET LOCAL cursor_tuple_fraction = 1.0", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: "DECLARE aureus_result NO SCROLL CURSOR FOR \(statement.sql)"), logger: logger)
                source = .cursor
            }
            return PostgresQueryCursor(session: session, source: source, mode: mode, connections: connections, store: store, logger: logger)
        } catch {
            try? await connection.close()
            throw Self.classify(error)
        }
    }

    /// Statements the planner expects to return at most this many rows run without a cursor,
    /// so they may get a parallel plan (see `PostgresResultSource`).
    static let plainStatementRowEstimate = 1_000.0

    /// The planner's row estimate for `sql` (`EXPLAIN`, which checks permissions but runs
    /// nothing); infinity when the plan cannot be read, which keeps the cursor.
    static func estimatedRows(_ sql: String, on connection: PostgresConnection, logger: Logger) async throws -> Double {
        var plan = ""
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) \(sql)"), logger: logger) {
            if let bytes = row.first?.bytes { plan = String(buffer: bytes) }
        }
        return (try? JSONParser.parse(plan))?.arrayValue?.first?["Plan"]?["Plan Rows"]?.doubleValue ?? .infinity
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
