/// A value in a TOML-subset document (see `TOMLDocument` for what the subset covers).
public enum TOMLValue: Hashable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [TOMLValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var tableValue: TOMLTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The value's kind as written in error messages ("string", "table" …).
    public var kindName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .bool: "boolean"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A TOML table: keys in the order they were written, so tools can echo files faithfully.
public struct TOMLTable: Hashable, Sendable {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: TOMLValue] = [:]

    public init() {}

    public subscript(key: String) -> TOMLValue? {
        get { values[key] }
        set {
            if values[key] == nil, newValue != nil { keys.append(key) }
            if newValue == nil { keys.removeAll { $0 == key } }
            values[key] = newValue
        }
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// The nested value at a dotted path of keys, e.g. `["colors", "text"]`.
    public func value(at path: [String]) -> TOMLValue? {
        guard let first = path.first else { return .table(self) }
        guard let value = values[first] else { return nil }
        if path.count == 1 { return value }
        return value.tableValue?.value(at: Array(path.dropFirst()))
    }
}

/// A parse error with the 1-based line and column where it was noticed.
public struct TOMLError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case expectedKey
        case expectedEquals
        case expectedValue
        case invalidValue(String)
        case unterminatedString
        case invalidEscape(String)
        case unterminatedArray
        case invalidTableHeader
        case duplicateKey(String)
        case duplicateTable(String)
        case notATable(String)
        case trailingCharacters
        case unsupported(String)
        case integerOverflow
    }

    public let kind: Kind
    public let line: Int
    public let column: Int

    public init(_ kind: Kind, line: Int, column: Int) {
        self.kind = kind
        self.line = line
        self.column = column
    }

    public var description: String {
        let what: String
        switch kind {
        case .expectedKey: what = "expected a key"
        case .expectedEquals: what = "expected '=' after the key"
        case .expectedValue: what = "expected a value"
        case .invalidValue(let text): what = "invalid value '\(text)'"
        case .unterminatedString: what = "unterminated string"
        case .invalidEscape(let text): what = "invalid escape '\\\(text)'"
        case .unterminatedArray: what = "unterminated array (missing ']')"
        case .invalidTableHeader: what = "invalid table header"
        case .duplicateKey(let key): what = "duplicate key '\(key)'"
        case .duplicateTable(let name): what = "table '[\(name)]' defined twice"
        case .notATable(let key): what = "'\(key)' is already a value, not a table"
        case .trailingCharacters: what = "unexpected characters after the value"
        case .unsupported(let feature): what = "\(feature) are not supported"
        case .integerOverflow: what = "integer out of range"
        }
        return "line \(line), column \(column): \(what)"
    }
}
