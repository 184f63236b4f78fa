import AureusProtocol

/// A dataset: what a query may read, as named columns over internal tables. Queries never see
/// the tables themselves; each role gets views generated from this definition, with PII
/// columns masked inside the view (`DatasetViewSQL`), so no expression over the view can reach
/// the stored value.
public struct DatasetDefinition: Sendable, Hashable {
    public var name: String
    public var description: String
    public var builtIn: Bool
    public var columns: [DatasetColumnDefinition]
    /// The `FROM` clause body (tables, joins), valid on both SQLite and PostgreSQL.
    public var from: String
    /// Internal tables the view reads (SQLite's authorizer lets only these through, and only
    /// from inside the view).
    public var sourceTables: [String]

    public init(name: String, description: String, builtIn: Bool, columns: [DatasetColumnDefinition], from: String, sourceTables: [String]) {
        self.name = name
        self.description = description
        self.builtIn = builtIn
        self.columns = columns
        self.from = from
        self.sourceTables = sourceTables
    }

    /// The columns as the protocol describes them for `role`.
    public func describedColumns(for role: Role) -> [DatasetColumn] {
        columns.map { DatasetColumn(name: $0.name, type: $0.type, pii: $0.pii, masking: $0.pii ? .forRole(role) : .none) }
    }

    /// "dataset.column" → masking applied for `role`, PII columns only: the evidence record's
    /// `masking` field.
    public func maskingApplied(for role: Role) -> [String: String] {
        var out: [String: String] = [:]
        for column in columns where column.pii { out["\(name).\(column.name)"] = MaskingMode.forRole(role).rawValue }
        return out
    }
}

public struct DatasetColumnDefinition: Sendable, Hashable {
    public var name: String
    /// "INTEGER", "REAL" or "TEXT".
    public var type: String
    public var pii: Bool
    /// The SQL expression over the `from` tables that yields the stored value.
    public var expression: String

    public init(_ name: String, _ type: String, pii: Bool = false, _ expression: String) {
        self.name = name
        self.type = type
        self.pii = pii
        self.expression = expression
    }
}
