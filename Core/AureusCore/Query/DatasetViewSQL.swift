import AureusProtocol

/// The SQL of the view a role reads a dataset through. Masking lives here, inside the view,
/// so it is applied before any expression, alias, `GROUP BY`, `ORDER BY` or subquery of the
/// user's statement can touch the value: the user's SQL only ever sees the masked column.
public enum DatasetViewSQL {
    /// The masking function each backend registers (SQLite: a C callback with the key in
    /// memory; PostgreSQL: a `SECURITY DEFINER` function reading a key the query roles cannot).
    /// The statement guard refuses the `aureus_` prefix, so users cannot call it directly to
    /// test guesses.
    public static let maskFunction = "aureus_mask"

    /// `SELECT … FROM …` for `definition` as seen by `mode`.
    public static func select(_ definition: DatasetDefinition, mode: MaskingMode) -> String {
        let columns = definition.columns.map { column -> String in
            let expression = column.pii ? masked(column.expression, mode: mode) : column.expression
            return "\(expression) AS \(quoted(column.name))"
        }
        return "SELECT \(columns.joined(separator: ", ")) FROM \(definition.from)"
    }

    /// The value a role sees in place of a PII value. NULL stays NULL in every mode, so
    /// "is it missing" keeps its meaning.
    public static func masked(_ expression: String, mode: MaskingMode) -> String {
        switch mode {
        case .none: expression
        case .partial: "\(maskFunction)(CAST(\(expression) AS TEXT))"
        case .redacted: "CASE WHEN \(expression) IS NULL THEN NULL ELSE '[redacted]' END"
        }
    }

    public static func quoted(_ identifier: String) -> String {
        "\"" + identifier.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The schema a language model is shown: one `CREATE TABLE` per dataset with column types,
    /// PII columns marked with how they are masked for the asking role.
    public static func ddl(_ definition: DatasetDefinition, role: Role) -> String {
        let lines = definition.columns.enumerated().map { index, column -> String in
            let comma = index == definition.columns.count - 1 ? "" : ","
            let note = column.pii ? " -- PII, \(MaskingMode.forRole(role).rawValue)" : ""
            return "  \(column.name) \(column.type)\(comma)\(note)"
        }
        return "CREATE TABLE \(definition.name) ( -- \(definition.description)\n\(lines.joined(separator: "\n"))\n);"
    }
}
