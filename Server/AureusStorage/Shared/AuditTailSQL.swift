import AureusCore
import AureusProtocol

/// Builds the filtered, newest-first `audit.tail` query for either dialect.
///
/// Only placeholders carry caller input; the limit is clamped and inlined as an integer.
struct AuditTailSQL: Sendable {
    enum Bind: Sendable, Hashable {
        case text(String)
        case integer(Int64)
    }

    enum Placeholder: Sendable {
        /// SQLite: `?`
        case question
        /// PostgreSQL: `$1`, `$2`, …
        case dollar
    }

    static let maximumLimit = 1000

    let sql: String
    let binds: [Bind]

    init(_ query: AuditQuery, placeholder: Placeholder) {
        var conditions: [String] = []
        var binds: [Bind] = []
        func add(_ column: String, _ comparison: String, _ value: Bind) {
            binds.append(value)
            let marker = placeholder == .question ? "?" : "$\(binds.count)"
            conditions.append("\(column) \(comparison) \(marker)")
        }
        if let actor = query.actor { add("actor", "=", .text(actor)) }
        if let action = query.action { add("action", "=", .text(action)) }
        if let since = query.since { add("time_ms", ">=", .integer(since.milliseconds)) }
        if let until = query.until { add("time_ms", "<=", .integer(until.milliseconds)) }
        if let before = query.beforeSeq { add("seq", "<", .integer(before)) }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let limit = min(max(query.limit, 1), Self.maximumLimit)
        self.sql = "SELECT \(AuditRow.columns) FROM audit_events\(whereClause) ORDER BY seq DESC LIMIT \(limit)"
        self.binds = binds
    }
}
