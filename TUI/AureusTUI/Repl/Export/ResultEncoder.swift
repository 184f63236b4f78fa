import AureusProtocol

/// Turns a streamed result into text page by page, so an export or `aureus query` never holds
/// more than one page: `begin` once with the columns, `encode` per page, `end` once.
///
/// ```swift
/// var encoder = ResultFormat.csv.encoder()
/// write(encoder.begin(columns: first.columns))
/// write(encoder.encode(rows: first.rows))   // … and every later page
/// write(encoder.end())
/// ```
public protocol ResultEncoder: Sendable {
    mutating func begin(columns: [QueryColumn]) -> String
    mutating func encode(rows: [[JSONValue]]) -> String
    mutating func end() -> String
}

/// RFC 4180 CSV: CRLF line ends, a header row, fields quoted when they hold a comma, quote,
/// CR or LF. NULL is an empty unquoted field and the empty string is `""`, so a reader that
/// cares can tell them apart (PostgreSQL's `COPY … CSV` convention).
public struct CSVEncoder: ResultEncoder {
    public init() {}

    public mutating func begin(columns: [QueryColumn]) -> String {
        columns.map { Self.quoted($0.name) }.joined(separator: ",") + "\r\n"
    }

    public mutating func encode(rows: [[JSONValue]]) -> String {
        var text = ""
        for row in rows {
            text += row.map(Self.field).joined(separator: ",")
            text += "\r\n"
        }
        return text
    }

    public mutating func end() -> String { "" }

    static func field(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .int(let number): String(number)
        case .double(let number): CellText.format(number)
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): quoted(text)
        case .array, .object: quoted(CanonicalJSON.string(value))
        }
    }

    /// `text` as a CSV field: quoted when empty or when it holds `,` `"` CR or LF.
    static func quoted(_ text: String) -> String {
        let needsQuotes = text.isEmpty || text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }
}

/// JSON rows keyed by column name: one array (`[` … `]`, an object per line) or NDJSON.
/// A repeated column name gets a suffix (`id`, `id_2`) so no key is lost.
public struct JSONRowsEncoder: ResultEncoder {
    /// One object per line with no enclosing array (NDJSON).
    public let lines: Bool
    private var keys: [String] = []
    private var count = 0

    public init(lines: Bool) { self.lines = lines }

    public mutating func begin(columns: [QueryColumn]) -> String {
        var seen = Set<String>()
        keys = columns.map { column in
            var key = column.name
            var suffix = 2
            while !seen.insert(key).inserted {
                key = column.name + "_\(suffix)"
                suffix += 1
            }
            return CanonicalJSON.string(.string(key))
        }
        return lines ? "" : "["
    }

    public mutating func encode(rows: [[JSONValue]]) -> String {
        var text = ""
        for row in rows {
            let members = zip(keys, row).map { key, value in key + ":" + CanonicalJSON.string(value) }
            let object = "{" + members.joined(separator: ",") + "}"
            text += lines ? object + "\n" : (count == 0 ? "\n" : ",\n") + object
            count += 1
        }
        return text
    }

    public mutating func end() -> String {
        if lines { return "" }
        return count == 0 ? "]\n" : "\n]\n"
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
