import AureusCore
import AureusProtocol

/// Builds the filtered, newest-first `audit.tail` query for either dialect.
///
/// Only bound parameters carry caller input; the limit is clamped and inlined as an integer.
struct AuditTailSQL: Sendable {
    static let maximumLimit = 1000

    let sql: String
    let binds: [SQLConditions.Bind]

    init(_ query: AuditQuery, parameters: SQLConditions.ParameterStyle) {
        var conditions = SQLConditions(parameters)
        if let actor = query.actor { conditions.add("actor", "=", .text(actor)) }
        if let action = query.action { conditions.add("action", "=", .text(action)) }
        if let since = query.since { conditions.add("time_ms", ">=", .integer(since.milliseconds)) }
        if let until = query.until { conditions.add("time_ms", "<=", .integer(until.milliseconds)) }
        if let before = query.beforeSeq { conditions.add("seq", "<", .integer(before)) }
        let limit = min(max(query.limit, 1), Self.maximumLimit)
        self.sql = "SELECT \(AuditRow.columns) FROM audit_events\(conditions.whereClause) ORDER BY seq DESC LIMIT \(limit)"
        self.binds = conditions.binds
    }
}
