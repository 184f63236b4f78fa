import AureusProtocol

extension QueryPage {
    /// Reads a page straight from the parsed `query.run` / `query.fetch` result.
    ///
    /// Why not `value.decode(QueryPage.self)`: that re-encodes the whole page to bytes and runs
    /// it through `JSONDecoder`, once per page, on the path to "first page on screen". Rows are
    /// already `JSONValue`s here, so taking them as they are is one pass and no copies.
    /// - Throws: `QueryPageFormatError` naming the first missing or mistyped field.
    public init(json value: JSONValue) throws(QueryPageFormatError) {
        func field(_ name: String) throws(QueryPageFormatError) -> JSONValue {
            guard let member = value[name] else { throw QueryPageFormatError(field: name) }
            return member
        }
        func number(_ name: String) throws(QueryPageFormatError) -> Double {
            switch try field(name) {
            case .int(let number): return Double(number)
            case .double(let number): return number
            default: throw QueryPageFormatError(field: name)
            }
        }
        guard let columnValues = try field("columns").arrayValue, let rowValues = try field("rows").arrayValue else {
            throw QueryPageFormatError(field: "columns/rows")
        }
        var columns: [QueryColumn] = []
        columns.reserveCapacity(columnValues.count)
        for column in columnValues {
            guard let name = column["name"]?.stringValue else { throw QueryPageFormatError(field: "columns.name") }
            columns.append(QueryColumn(name: name, type: column["type"]?.stringValue ?? ""))
        }
        var rows: [[JSONValue]] = []
        rows.reserveCapacity(rowValues.count)
        for row in rowValues {
            guard let cells = row.arrayValue else { throw QueryPageFormatError(field: "rows") }
            rows.append(cells)
        }
        guard let offset = try field("offset").intValue, let done = try field("done").boolValue,
            let truncated = try field("truncated").boolValue, let rowLimit = try field("rowLimit").intValue,
            let evidenceID = try field("evidenceID").stringValue
        else { throw QueryPageFormatError(field: "offset/done/truncated/rowLimit/evidenceID") }
        var masking: [String: String] = [:]
        for (key, mode) in value["masking"]?.objectValue ?? [:] { masking[key] = mode.stringValue ?? "" }
        self.init(
            cursor: value["cursor"]?.stringValue,
            columns: columns,
            rows: rows,
            offset: Int(offset),
            done: done,
            truncated: truncated,
            rowLimit: Int(rowLimit),
            elapsedMilliseconds: try number("elapsedMilliseconds"),
            evidenceID: evidenceID,
            masking: masking
        )
    }
}

/// A `query.run` / `query.fetch` result that is not a `QueryPage`.
public struct QueryPageFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    public let field: String
    public var description: String { "unexpected query page from the server (field \(field))" }
}
