import AureusProtocol

/// I/O the REPL asks of its host; the answers come back as `ReplResponse`s.
///
/// Typed rather than raw `sendRPC` so the host can measure round trips, stream an export
/// page by page, and write the history file, and so stale answers can be recognised by
/// `id` (a page of a query the user already replaced is dropped, not drawn).
public enum ReplRequest: Hashable, Sendable {
    /// `query.run`; answer with `.page(id:…)` or `.failed(id:…)`.
    case run(id: Int, QueryRunParams)
    /// `query.fetch`; answer with `.page(id:…)` or `.failed(id:…)`.
    case fetch(id: Int, QueryFetchParams)
    /// `query.cancel`; answer with `.cancelled(id:…)` (or `.failed`).
    case cancel(id: Int, cursor: String)
    /// `query.ask`; answer with `.proposal` or `.askFailed`.
    case ask(question: String)
    /// `datasets.list`; answer with `.datasets` or `.datasetsFailed`.
    case listDatasets
    /// `datasets.describe`; answer with `.described` or `.describeFailed`.
    case describe(name: String)
    /// Run `sql` again and write every page to a file; answer with `.exported` or `.exportFailed`.
    case export(ExportJob)
    /// Replace the history file with these entries (the host writes it, mode 0600).
    case saveHistory([String])
}

/// `\o FILE`: what to re-run and where to write it.
public struct ExportJob: Hashable, Sendable {
    public var sql: String
    public var question: String?
    public var path: String
    public var format: ResultFormat

    public init(sql: String, question: String?, path: String, format: ResultFormat) {
        self.sql = sql
        self.question = question
        self.path = path
        self.format = format
    }
}

/// What the host reports back for a `ReplRequest`.
public enum ReplResponse: Hashable, Sendable {
    /// A page of query `id`, with the round trip of the request that brought it.
    case page(id: Int, QueryPage, roundTripMilliseconds: Double)
    /// `query.run` or `query.fetch` of query `id` failed; `reason` is the server's.
    case failed(id: Int, reason: String)
    case cancelled(id: Int, wasRunning: Bool)
    case proposal(QueryAskResult)
    case askFailed(reason: String)
    case datasets([DatasetSummary])
    case datasetsFailed(reason: String)
    case described(DatasetDescription)
    case describeFailed(name: String, reason: String)
    case exported(path: String, rows: Int, truncated: Bool, evidenceID: String)
    case exportFailed(path: String, reason: String)
}

/// What a REPL key or answer asks of the app around it.
public enum ReplEffect: Hashable, Sendable {
    case request(ReplRequest)
    /// Leave the REPL (back to the dashboard, or quit when the REPL is all there is).
    case leave
}
