/// Why a policy file was refused: the place (line, and the table it belongs to) and the reason.
///
/// `line` comes from the TOML parser for syntax errors; for validation errors it is the line of
/// the offending key, or of the table header when the problem is the table as a whole (a missing
/// key; an implied table such as `[levels]` gets the line of the first `[levels.…]` header). It is
/// nil only when the locator cannot tell (see `PolicySourceLines`); `table` still names the table.
public struct ApprovalPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    public let line: Int?
    public let column: Int?
    /// The dotted table name, e.g. `"rules.large_payment"`; nil for syntax errors and the root.
    public let table: String?
    public let reason: String

    public init(line: Int?, column: Int? = nil, table: String?, reason: String) {
        self.line = line
        self.column = column
        self.table = table
        self.reason = reason
    }

    init(syntax error: TOMLError) {
        let text = error.description
        let prefix = "line \(error.line), column \(error.column): "
        self.init(
            line: error.line,
            column: error.column,
            table: nil,
            reason: text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
        )
    }

    public var description: String {
        var place: [String] = []
        if let line { place.append(column.map { "line \(line), column \($0)" } ?? "line \(line)") }
        if let table { place.append("[\(table)]") }
        return place.isEmpty ? "approval policy: \(reason)" : "approval policy, \(place.joined(separator: " ")): \(reason)"
    }
}
