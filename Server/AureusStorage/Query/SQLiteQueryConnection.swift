import AureusCore
import AureusCrypto
import AureusProtocol
import CSQLite
import Foundation
import Synchronization

/// A connection that runs one user statement: opened read-only on the database file, with the
/// role's dataset views created in its `temp` schema, the masking function registered, and the
/// authorizer switched on before the user's SQL is prepared.
///
/// Blocking; the cursor calls it from `NIOThreadPool` threads, one call at a time, except for
/// `interrupt()`, which SQLite allows from any thread while the connection is open.
final class SQLiteQueryConnection: @unchecked Sendable {
    /// Guarded by `handleLock`: nil once closed, so `interrupt()` never touches a freed handle.
    private var handle: OpaquePointer?
    private let handleLock = Mutex<Void>(())
    private var statement: OpaquePointer?
    private var policy: SQLiteAuthorizerPolicy
    private let maskKey: MaskKey
    /// Set by `interrupt()` and read by the progress handler, so a cancel that arrives before
    /// the statement starts stepping still stops it (`sqlite3_interrupt` alone is forgotten
    /// when no statement is running, which under load lost cancels queued behind the pool).
    private let cancelFlag = CancelFlag()

    init(path: String, datasets: [DatasetDefinition], mode: MaskingMode, maskKey: [UInt8], functions: Set<String>) throws(SQLiteError) {
        policy = SQLiteAuthorizerPolicy(datasets: datasets, functions: functions, storedNames: [])
        self.maskKey = MaskKey(bytes: maskKey)
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: "cannot open \(path) read-only: \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
        try check(
            sqlite3_create_function_v2(
                db,
                DatasetViewSQL.maskFunction,
                1,
                aureus_sqlite_pure_function_flags(),
                Unmanaged.passUnretained(self.maskKey).toOpaque(),
                maskFunction,
                nil,
                nil,
                nil
            ),
            db
        )
        for dataset in datasets {
            try exec("CREATE TEMP VIEW \(DatasetViewSQL.quoted(dataset.name)) AS \(DatasetViewSQL.select(dataset, mode: mode))", db)
        }
        policy = SQLiteAuthorizerPolicy(datasets: datasets, functions: functions, storedNames: try storedNames(db))
        sqlite3_set_authorizer(db, authorizerCallback, Unmanaged.passUnretained(policy).toOpaque())
        policy.enforcing.store(true, ordering: .relaxed)
        sqlite3_progress_handler(db, 4_096, progressCallback, Unmanaged.passUnretained(cancelFlag).toOpaque())
    }

    deinit { close() }

    /// Prepares the user's statement under the authorizer and returns its columns.
    func prepare(_ sql: String) throws(QueryRefusalOrFailure) -> [QueryColumn] {
        guard let db = handle else { throw .failure(QueryExecutionError(.failed, "the connection is closed")) }
        var prepared: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let rc = sql.withCString { sqlite3_prepare_v3(db, $0, -1, 0, &prepared, &tail) }
        if rc != SQLITE_OK {
            sqlite3_finalize(prepared)
            let message = String(cString: sqlite3_errmsg(db))
            if let denial = policy.takeDenial() { throw .refusal(QueryRefusal(.database, denial)) }
            throw .failure(QueryExecutionError(.failed, message))
        }
        guard let prepared else { throw .refusal(QueryRefusal(.malformed, "the statement is empty")) }
        if let tail, tail.pointee != 0, !String(cString: tail).allSatisfy({ $0.isWhitespace || $0 == ";" }) {
            sqlite3_finalize(prepared)
            throw .refusal(QueryRefusal(.multipleStatements, "only one statement per query"))
        }
        guard sqlite3_stmt_readonly(prepared) != 0 else {
            sqlite3_finalize(prepared)
            throw .refusal(QueryRefusal(.database, "the statement would write; only reads are allowed"))
        }
        statement = prepared
        return (0..<sqlite3_column_count(prepared)).map { index in
            QueryColumn(
                name: sqlite3_column_name(prepared, index).map { String(cString: $0) } ?? "?column?",
                type: sqlite3_column_decltype(prepared, index).map { String(cString: $0) } ?? ""
            )
        }
    }

    /// Up to `maxRows` rows; fewer when the statement is done.
    func step(maxRows: Int) throws(QueryExecutionError) -> [[JSONValue]] {
        guard let db = handle, let statement else { return [] }
        var rows: [[JSONValue]] = []
        rows.reserveCapacity(min(maxRows, 4096))
        let count = sqlite3_column_count(statement)
        while rows.count < maxRows {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE {
                sqlite3_finalize(statement)
                self.statement = nil
                break
            }
            guard rc == SQLITE_ROW else {
                let message = String(cString: sqlite3_errmsg(db))
                sqlite3_finalize(statement)
                self.statement = nil
                if rc & 0xFF == SQLITE_INTERRUPT { throw QueryExecutionError(.cancelled, "interrupted") }
                throw QueryExecutionError(.failed, message)
            }
            var row: [JSONValue] = []
            row.reserveCapacity(Int(count))
            for column in 0..<count { row.append(value(statement, column)) }
            rows.append(row)
        }
        return rows
    }

    func interrupt() {
        cancelFlag.raised.store(true, ordering: .relaxed)
        handleLock.withLock { _ in if let handle { sqlite3_interrupt(handle) } }
    }

    func close() {
        if let statement { sqlite3_finalize(statement) }
        statement = nil
        handleLock.withLock { _ in
            if let handle { sqlite3_close_v2(handle) }
            handle = nil
        }
    }

    private func value(_ statement: OpaquePointer, _ column: Int32) -> JSONValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            let length = Int(sqlite3_column_bytes(statement, column))
            guard let text = sqlite3_column_text(statement, column) else { return .string("") }
            return .string(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite3_column_bytes(statement, column))
            guard let bytes = sqlite3_column_blob(statement, column) else { return .string("\\x") }
            return .string("\\x" + Hex.encode(UnsafeRawBufferPointer(start: bytes, count: length)))
        default: return .null
        }
    }

    /// Lower-cased names of every table and view in the file, read before the authorizer is on.
    private func storedNames(_ db: OpaquePointer) throws(SQLiteError) -> Set<String> {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT lower(name) FROM sqlite_master WHERE type IN ('table', 'view')", -1, &statement, nil) == SQLITE_OK,
            let statement
        else { throw SQLiteError(code: sqlite3_errcode(db), message: String(cString: sqlite3_errmsg(db))) }
        defer { sqlite3_finalize(statement) }
        var names: Set<String> = []
        while sqlite3_step(statement) == SQLITE_ROW {
            if let text = sqlite3_column_text(statement, 0) { names.insert(String(cString: text)) }
        }
        return names
    }

    private func exec(_ sql: String, _ db: OpaquePointer) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: rc, message: message)
        }
    }

    private func check(_ rc: Int32, _ db: OpaquePointer) throws(SQLiteError) {
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db))) }
    }
}

/// Either the database refused the statement or it failed.
enum QueryRefusalOrFailure: Error {
    case refusal(QueryRefusal)
    case failure(QueryExecutionError)
}

/// The masking key, handed to SQLite as the function's user data.
final class MaskKey: Sendable {
    let bytes: [UInt8]
    init(bytes: [UInt8]) { self.bytes = bytes }
}

private let authorizerCallback:
    @convention(c) (
        UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
    ) -> Int32 = { context, action, first, second, database, view in
        guard let context else { return SQLITE_DENY }
        let policy = Unmanaged<SQLiteAuthorizerPolicy>.fromOpaque(context).takeUnretainedValue()
        return policy.decide(
            action: action,
            first: first.map { String(cString: $0) },
            second: second.map { String(cString: $0) },
            database: database.map { String(cString: $0) },
            view: view.map { String(cString: $0) }
        )
    }

private let maskFunction: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
    context,
    count,
    arguments in
    guard let context, count == 1, let argument = arguments?[0] else { return }
    guard sqlite3_value_type(argument) != SQLITE_NULL, let text = sqlite3_value_text(argument) else {
        sqlite3_result_null(context)
        return
    }
    let length = Int(sqlite3_value_bytes(argument))
    let key = Unmanaged<MaskKey>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
    let mac = HMACSHA256.mac(key: key.bytes, message: UnsafeBufferPointer(start: text, count: length))
    let masked = PartialMask.format(mac: mac)
    masked.withCString { aureus_sqlite3_result_text_transient(context, $0, Int32(masked.utf8.count)) }
}

/// The cancel request a query connection's progress handler polls.
final class CancelFlag: Sendable {
    let raised = Atomic<Bool>(false)
}

/// Every 4,096 VM steps: non-zero makes SQLite stop the statement with `SQLITE_INTERRUPT`.
private let progressCallback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
    guard let context else { return 0 }
    return Unmanaged<CancelFlag>.fromOpaque(context).takeUnretainedValue().raised.load(ordering: .relaxed) ? 1 : 0
}
