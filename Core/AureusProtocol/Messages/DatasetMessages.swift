/// `datasets.list`, `datasets.describe`, `datasets.import` and `evidence.get`: the catalogue
/// of what `query.run` may read, and the record every query leaves behind.

/// How a PII column reaches a role: "none" (admin), "partial" (keyed-hash prefix) or
/// "redacted".
public enum MaskingMode: String, Codable, Sendable, Hashable, CaseIterable {
    case none
    case partial
    case redacted

    /// The rule: viewers see no PII, analysts and approvers a stable pseudonym they can group
    /// and join on but not reverse, admins the stored value.
    public static func forRole(_ role: Role) -> MaskingMode {
        switch role {
        case .viewer: .redacted
        case .analyst, .approver: .partial
        case .admin: .none
        }
    }
}

public struct DatasetColumn: Codable, Sendable, Hashable {
    public var name: String
    /// "INTEGER", "REAL" or "TEXT".
    public var type: String
    public var pii: Bool
    /// What the caller's role gets for this column.
    public var masking: MaskingMode
    public init(name: String, type: String, pii: Bool, masking: MaskingMode) {
        self.name = name
        self.type = type
        self.pii = pii
        self.masking = masking
    }
}

public struct DatasetSummary: Codable, Sendable, Hashable {
    public var name: String
    public var description: String
    /// false for datasets an admin imported.
    public var builtIn: Bool
    public var rowCount: Int64
    public var columns: [DatasetColumn]
    public init(name: String, description: String, builtIn: Bool, rowCount: Int64, columns: [DatasetColumn]) {
        self.name = name
        self.description = description
        self.builtIn = builtIn
        self.rowCount = rowCount
        self.columns = columns
    }
}

public struct DatasetsListResult: Codable, Sendable, Hashable {
    public var datasets: [DatasetSummary]
    public init(datasets: [DatasetSummary]) { self.datasets = datasets }
}

public struct DatasetsDescribeParams: Codable, Sendable, Hashable {
    public var name: String
    public init(name: String) { self.name = name }
}

public struct DatasetDescription: Codable, Sendable, Hashable {
    public var dataset: DatasetSummary
    /// `CREATE VIEW name (col TYPE, …)`-style DDL, as given to the language model.
    public var ddl: String
    public init(dataset: DatasetSummary, ddl: String) {
        self.dataset = dataset
        self.ddl = ddl
    }
}

public struct DatasetImportColumn: Codable, Sendable, Hashable {
    public var name: String
    /// "INTEGER", "REAL" or "TEXT".
    public var type: String
    public var pii: Bool
    public init(name: String, type: String, pii: Bool = false) {
        self.name = name
        self.type = type
        self.pii = pii
    }

    /// `pii` may be left out (false).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(String.self, forKey: .type)
        pii = try container.decodeIfPresent(Bool.self, forKey: .pii) ?? false
    }
}

public struct DatasetsImportParams: Codable, Sendable, Hashable {
    /// Lower-case letters, digits and `_`, starting with a letter, at most 48 characters.
    public var name: String
    public var description: String?
    /// RFC 4180 CSV text.
    public var csv: String
    /// The first line names the columns (checked against `columns`); default true.
    public var header: Bool?
    public var columns: [DatasetImportColumn]
    public init(name: String, description: String? = nil, csv: String, header: Bool? = nil, columns: [DatasetImportColumn]) {
        self.name = name
        self.description = description
        self.csv = csv
        self.header = header
        self.columns = columns
    }
}

public struct DatasetsImportResult: Codable, Sendable, Hashable {
    public var dataset: DatasetSummary
    public var rowsImported: Int
    public init(dataset: DatasetSummary, rowsImported: Int) {
        self.dataset = dataset
        self.rowsImported = rowsImported
    }
}

/// One refused CSV row, in the `data.badRows` of the `invalid_params` error that refuses an
/// import (nothing is imported when any row is bad).
public struct DatasetImportProblem: Codable, Sendable, Hashable {
    /// 1-based physical line where the record starts.
    public var line: Int
    public var reason: String
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

public struct EvidenceGetParams: Codable, Sendable, Hashable {
    public var id: String
    public init(id: String) { self.id = id }
}

/// What a query did, kept for every query: who asked what, what it read, what was masked,
/// and a SHA-256 over exactly the rows sent, so an exported result can be checked later.
public struct EvidenceRecord: Codable, Sendable, Hashable {
    public var id: String
    public var time: Timestamp
    public var user: String
    public var role: Role
    public var question: String?
    public var sql: String
    public var datasets: [String]
    /// PII column ("dataset.column") → masking applied.
    public var masking: [String: String]
    /// "running", "ok", "truncated", "cancelled" or "error: …".
    public var outcome: String
    public var rowCount: Int64
    public var durationMilliseconds: Double
    /// Hex SHA-256 over the canonical JSON of the column list and every row sent, one line
    /// each (see docs/query.md); nil while running.
    public var resultSHA256: String?
    public init(
        id: String,
        time: Timestamp,
        user: String,
        role: Role,
        question: String?,
        sql: String,
        datasets: [String],
        masking: [String: String],
        outcome: String,
        rowCount: Int64,
        durationMilliseconds: Double,
        resultSHA256: String?
    ) {
        self.id = id
        self.time = time
        self.user = user
        self.role = role
        self.question = question
        self.sql = sql
        self.datasets = datasets
        self.masking = masking
        self.outcome = outcome
        self.rowCount = rowCount
        self.durationMilliseconds = durationMilliseconds
        self.resultSHA256 = resultSHA256
    }
}
