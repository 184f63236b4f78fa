/// `query.run`, `query.fetch`, `query.cancel` and `query.ask`: read-only SQL over the catalogued
/// datasets, streamed in pages so neither side holds more than one page it does not need.
///
/// A result is a cursor on the server. `query.run` opens it and returns the first page;
/// `query.fetch` returns the next ones until `done`; `query.cancel` interrupts the statement
/// and closes the cursor. Every query, finished or not, leaves an evidence record
/// (`evidence.get`) whose id the first page carries.

/// One result column. What the server masked is in the page's `masking` map.
public struct QueryColumn: Codable, Sendable, Hashable {
    public var name: String
    /// The declared type when the column comes straight from a dataset column
    /// ("INTEGER", "REAL", "TEXT"), else the backend's type name or "" when unknown.
    public var type: String
    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}

public struct QueryRunParams: Codable, Sendable, Hashable {
    /// Exactly one read-only statement; a trailing `;` is allowed.
    public var sql: String
    /// The natural-language question the SQL answers, when it came from `query.ask`; kept in
    /// the evidence record.
    public var question: String?
    /// Rows in the first page: 1...5000, default 500.
    public var pageSize: Int?
    /// A client-chosen cursor id (1-64 of `A-Za-z0-9_-`), so `query.cancel` can stop a
    /// statement whose first page has not arrived yet; default: the server picks one.
    public var queryID: String?
    public init(sql: String, question: String? = nil, pageSize: Int? = nil, queryID: String? = nil) {
        self.sql = sql
        self.question = question
        self.pageSize = pageSize
        self.queryID = queryID
    }
}

public struct QueryFetchParams: Codable, Sendable, Hashable {
    public var cursor: String
    /// 1...5000, default 500.
    public var pageSize: Int?
    public init(cursor: String, pageSize: Int? = nil) {
        self.cursor = cursor
        self.pageSize = pageSize
    }
}

public struct QueryCancelParams: Codable, Sendable, Hashable {
    public var cursor: String
    public init(cursor: String) { self.cursor = cursor }
}

public struct QueryCancelResult: Codable, Sendable, Hashable {
    /// false when the cursor had already finished or never existed.
    public var cancelled: Bool
    public init(cancelled: Bool) { self.cancelled = cancelled }
}

/// One page of a result.
public struct QueryPage: Codable, Sendable, Hashable {
    /// Pass to `query.fetch` for the next page; nil once `done`.
    public var cursor: String?
    public var columns: [QueryColumn]
    /// Cell values: null, int, double or string (blobs as `\x` + hex).
    public var rows: [[JSONValue]]
    /// Zero-based index of this page's first row within the whole result.
    public var offset: Int
    /// No more rows will come; the cursor is closed.
    public var done: Bool
    /// The role's row limit cut the result short (only ever true on the last page).
    public var truncated: Bool
    /// The caller's row limit.
    public var rowLimit: Int
    /// Server time since the statement started, up to the end of this page.
    public var elapsedMilliseconds: Double
    /// The evidence record of this query (`evidence.get`).
    public var evidenceID: String
    /// PII columns of the datasets this statement reads, and the masking applied to them
    /// for the caller's role ("redacted", "partial" or "none").
    public var masking: [String: String]

    public init(
        cursor: String?,
        columns: [QueryColumn],
        rows: [[JSONValue]],
        offset: Int,
        done: Bool,
        truncated: Bool,
        rowLimit: Int,
        elapsedMilliseconds: Double,
        evidenceID: String,
        masking: [String: String]
    ) {
        self.cursor = cursor
        self.columns = columns
        self.rows = rows
        self.offset = offset
        self.done = done
        self.truncated = truncated
        self.rowLimit = rowLimit
        self.elapsedMilliseconds = elapsedMilliseconds
        self.evidenceID = evidenceID
        self.masking = masking
    }
}

public struct QueryAskParams: Codable, Sendable, Hashable {
    public var question: String
    public init(question: String) { self.question = question }
}

/// A proposed statement: checked by the same enforcement as `query.run` (it was prepared
/// against the caller's datasets and refused if anything in it would be), but not run.
public struct QueryAskResult: Codable, Sendable, Hashable {
    public var question: String
    public var sql: String
    /// The model's one-line explanation, when it gave one.
    public var explanation: String?
    public var model: String
    public var elapsedMilliseconds: Double
    public init(question: String, sql: String, explanation: String?, model: String, elapsedMilliseconds: Double) {
        self.question = question
        self.sql = sql
        self.explanation = explanation
        self.model = model
        self.elapsedMilliseconds = elapsedMilliseconds
    }
}
