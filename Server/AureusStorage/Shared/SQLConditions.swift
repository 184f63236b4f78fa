/// A `WHERE` clause built from optional filters, with bound parameters in either dialect.
///
/// Only bound parameters carry caller input; column names and comparisons are the caller's constants.
struct SQLConditions: Sendable {
    enum Bind: Sendable, Hashable {
        case text(String)
        case integer(Int64)
    }

    /// How a dialect spells a bound parameter.
    enum ParameterStyle: Sendable {
        /// SQLite: `?`
        case question
        /// PostgreSQL: `$1`, `$2`, …
        case dollar
    }

    let style: ParameterStyle
    private(set) var conditions: [String] = []
    private(set) var binds: [Bind] = []

    init(_ style: ParameterStyle) { self.style = style }

    /// Adds `column comparison ?` with `value` bound.
    mutating func add(_ column: String, _ comparison: String, _ value: Bind) {
        binds.append(value)
        conditions.append("\(column) \(comparison) \(marker(binds.count))")
    }

    /// Adds `column IN (?, ?, …)`; an empty list matches nothing.
    mutating func addIn(_ column: String, _ values: [Bind]) {
        guard !values.isEmpty else {
            conditions.append("1 = 0")
            return
        }
        var markers: [String] = []
        for value in values {
            binds.append(value)
            markers.append(marker(binds.count))
        }
        conditions.append("\(column) IN (\(markers.joined(separator: ", ")))")
    }

    /// ` WHERE a AND b`, or empty when nothing was added.
    var whereClause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }

    private func marker(_ position: Int) -> String { style == .question ? "?" : "$\(position)" }
}
