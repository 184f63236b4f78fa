import CSQLite

/// One SQLite connection: the only Swift code that touches the sqlite3 C API.
///
/// It turns every return code into a `SQLiteError`, caches prepared statements by SQL text and
/// hands out plain values (`SQLiteValue`, `SQLiteRow`), never pointers. Every call blocks, so
/// callers run it on a `NIOThreadPool` thread (see `SQLiteConnectionPool`).
///
/// - Important: Not thread-safe on its own (opened with `SQLITE_OPEN_NOMUTEX`); one owner at a
///   time, which `SQLiteConnectionPool` guarantees with a `Mutex` per connection.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// Dynamic SQL (audit filters) can produce many texts; the cache is flushed past this size.
    private static let statementCacheLimit = 64

    /// Opens (and creates) the database file and applies the connection pragmas.
    init(path: String, options: SQLiteOptions, readOnly: Bool) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: "cannot open \(path): \(message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, options.busyTimeoutMilliseconds)
        try execute("PRAGMA journal_mode=WAL")
        try execute("PRAGMA synchronous=\(options.synchronous.rawValue)")
        try execute("PRAGMA foreign_keys=ON")
        if readOnly { try execute("PRAGMA query_only=ON") }
    }

    deinit { close() }

    /// Finalises cached statements and closes the handle; later calls throw `SQLITE_MISUSE`.
    func close() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs one or more statements without parameters or results (pragmas, DDL, BEGIN/COMMIT).
    func execute(_ sql: String) throws(SQLiteError) {
        let db = try open()
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(db), message: message)
        }
    }

    /// Runs one statement with positional parameters (`?`) and returns every row.
    func query(_ sql: String, _ binds: [SQLiteValue] = []) throws(SQLiteError) -> [SQLiteRow] {
        let db = try open()
        let statement = try prepared(sql, db: db)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try bind(binds, to: statement, db: db)
        var rows: [SQLiteRow] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(db) }
            rows.append(row(statement))
        }
        return rows
    }

    /// Runs one statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ binds: [SQLiteValue] = []) throws(SQLiteError) -> Int {
        let db = try open()
        _ = try query(sql, binds)
        return Int(sqlite3_changes(db))
    }

    /// The rowid of the last successful INSERT on this connection.
    var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    // MARK: - C plumbing

    private func open() throws(SQLiteError) -> OpaquePointer {
        guard let handle else { throw SQLiteError(code: SQLITE_MISUSE, message: "the database is closed") }
        return handle
    }

    private func prepared(_ sql: String, db: OpaquePointer) throws(SQLiteError) -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        if statements.count >= Self.statementCacheLimit {
            for statement in statements.values { sqlite3_finalize(statement) }
            statements.removeAll()
        }
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(db, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw rc == SQLITE_OK ? SQLiteError(code: SQLITE_MISUSE, message: "empty statement") : error(db)
        }
        statements[sql] = statement
        return statement
    }

    private func bind(_ values: [SQLiteValue], to statement: OpaquePointer, db: OpaquePointer) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(statement, index)
            case .integer(let number): rc = sqlite3_bind_int64(statement, index, number)
            case .real(let number): rc = sqlite3_bind_double(statement, index, number)
            case .text(let text):
                // withCString never hands out nil, so "" binds an empty string rather than NULL.
                let byteCount = Int32(text.utf8.count)
                rc = text.withCString { aureus_sqlite3_bind_text_transient(statement, index, $0, byteCount) }
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { aureus_sqlite3_bind_blob_transient(statement, index, $0.baseAddress, Int32($0.count)) }
            }
            guard rc == SQLITE_OK else { throw error(db) }
        }
    }

    private func row(_ statement: OpaquePointer) -> SQLiteRow {
        let count = sqlite3_column_count(statement)
        var values: [SQLiteValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            switch sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(statement, column)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(statement, column)))
            case SQLITE_TEXT:
                let length = Int(sqlite3_column_bytes(statement, column))
                let text = sqlite3_column_text(statement, column).map {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
                values.append(.text(text ?? ""))
            case SQLITE_BLOB:
                let length = Int(sqlite3_column_bytes(statement, column))
                let bytes = sqlite3_column_blob(statement, column).map {
                    Array(UnsafeRawBufferPointer(start: $0, count: length))
                }
                values.append(.blob(bytes ?? []))
            default: values.append(.null)
            }
        }
        return SQLiteRow(values: values)
    }

    private func error(_ db: OpaquePointer) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(db), message: String(cString: sqlite3_errmsg(db)))
    }
}

extension SQLiteError {
    /// Classifies an extended result code once, so no other file needs the C constants.
    init(code: Int32, message: String) {
        let kind: Kind
        switch code {
        case aureus_sqlite_constraint_unique(), aureus_sqlite_constraint_primarykey(): kind = .uniqueViolation
        case aureus_sqlite_constraint_foreignkey(): kind = .foreignKeyViolation
        case _ where code & 0xFF == SQLITE_CONSTRAINT: kind = .constraint
        case _ where code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED: kind = .busy
        case _ where code & 0xFF == SQLITE_CANTOPEN || code & 0xFF == SQLITE_MISUSE: kind = .unavailable
        default: kind = .other
        }
        self.init(kind: kind, code: code, message: message)
    }
}
