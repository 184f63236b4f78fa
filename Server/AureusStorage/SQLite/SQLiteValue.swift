import AureusCore

/// A value bound to or read from SQLite, mirroring its five storage classes.
enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    static func optionalText(_ text: String?) -> SQLiteValue { text.map { .text($0) } ?? .null }
    static func bool(_ flag: Bool) -> SQLiteValue { .integer(flag ? 1 : 0) }
}

/// One result row. Accessors throw `StoreError(.engine)` on a type the schema does not allow,
/// so a hand-edited database reports an error instead of crashing the server.
struct SQLiteRow: Sendable, Hashable {
    var values: [SQLiteValue]

    func int64(_ column: Int) throws -> Int64 {
        guard case .integer(let number) = values[column] else { throw Self.mismatch(column, "an integer", values[column]) }
        return number
    }

    func optionalInt64(_ column: Int) throws -> Int64? {
        if case .null = values[column] { return nil }
        return try int64(column)
    }

    func bool(_ column: Int) throws -> Bool { try int64(column) != 0 }

    func text(_ column: Int) throws -> String {
        switch values[column] {
        case .text(let text): return text
        // SQLite's type affinity lets a hand-edited TEXT column hold a number; show it as text.
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        default: throw Self.mismatch(column, "text", values[column])
        }
    }

    func double(_ column: Int) throws -> Double {
        switch values[column] {
        case .real(let number): return number
        case .integer(let number): return Double(number)
        default: throw Self.mismatch(column, "a number", values[column])
        }
    }

    func optionalText(_ column: Int) throws -> String? {
        if case .null = values[column] { return nil }
        return try text(column)
    }

    private static func mismatch(_ column: Int, _ expected: String, _ found: SQLiteValue) -> StoreError {
        StoreError(.engine, "column \(column): expected \(expected), found \(found)")
    }
}

/// What SQLite reported, classified once in `SQLiteDatabase`.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case uniqueViolation
        case foreignKeyViolation
        case constraint
        case busy
        case unavailable
        case other
    }

    let kind: Kind
    /// The extended result code.
    let code: Int32
    let message: String

    init(kind: Kind, code: Int32, message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    var description: String { "sqlite error \(code): \(message)" }
}

/// Connection settings for the embedded store.
public struct SQLiteOptions: Sendable, Hashable {
    /// `PRAGMA synchronous`. FULL survives power loss in WAL mode; NORMAL may lose the last commits.
    public enum Synchronous: String, Sendable, Hashable {
        case off = "OFF"
        case normal = "NORMAL"
        case full = "FULL"
        case extra = "EXTRA"
    }

    public var synchronous: Synchronous
    /// How long a connection waits for another process's write lock before failing with busy.
    public var busyTimeoutMilliseconds: Int32
    /// Read-only connections; writes always go through the single writer connection.
    public var readerCount: Int

    public init(synchronous: Synchronous = .full, busyTimeoutMilliseconds: Int32 = 5000, readerCount: Int = 2) {
        self.synchronous = synchronous
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.readerCount = readerCount
    }
}

extension SQLConditions.Bind {
    var sqlite: SQLiteValue {
        switch self {
        case .text(let text): .text(text)
        case .integer(let number): .integer(number)
        }
    }
}
