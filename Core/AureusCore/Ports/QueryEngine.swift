import AureusProtocol

/// Runs guarded statements read-only, as a role, against one backend. The engine is the real
/// enforcement (see `StatementGuard` for the check in front of it): SQLite prepares on a
/// read-only connection with an authorizer; PostgreSQL logs in as a per-role query role that can
/// read only that role's dataset views, in a read-only transaction with a statement timeout.
public protocol QueryEngine: Sendable {
    /// "SQLite" or "PostgreSQL": the dialect users (and the language model) write.
    var dialect: String { get }

    /// Prepares `statement` for `role` over `datasets` and starts it. The first rows are read
    /// by `QueryCursor.next`.
    /// - Throws: `QueryRefusal(.database, …)` when the backend refuses the statement,
    ///   `QueryExecutionError` when it fails for another reason.
    func start(_ statement: GuardedStatement, role: Role, datasets: [DatasetDefinition], timeout: Duration) async throws -> any QueryCursor

    /// (Re)creates the views every role reads `datasets` through. Called at start-up and after
    /// an import.
    func installViews(_ datasets: [DatasetDefinition]) async throws

    /// Row count of each dataset, read through the admin view.
    func rowCount(of dataset: DatasetDefinition) async throws -> Int64
}

/// A started statement: its columns, then its rows in batches, forward only.
public protocol QueryCursor: Sendable {
    var columns: [QueryColumn] { get }
    /// Up to `maxRows` more rows; fewer (possibly none) means the result is exhausted.
    func next(maxRows: Int) async throws -> [[JSONValue]]
    /// Interrupts a statement that is running right now, from any task (`sqlite3_interrupt`,
    /// PostgreSQL's cancel request). The `next` in progress throws `QueryExecutionError(.cancelled)`.
    func interrupt()
    /// Releases the connection. Idempotent.
    func close() async
}

public struct QueryExecutionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case cancelled
        case timeout
        case failed
        case unavailable
    }

    public var kind: Kind
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(kind.rawValue): \(reason)" }
}

extension QueryExecutionError: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch kind {
        case .cancelled: RPCError(.conflict, reason: "the query was cancelled", extra: ["query": "cancelled"])
        case .timeout: RPCError(.conflict, reason: reason, extra: ["query": "timeout"])
        case .failed: RPCError(.invalidParams, reason: reason, message: "Query failed", extra: ["query": "failed"])
        case .unavailable: RPCError(.unavailable, reason: reason)
        }
    }
}

/// Imported datasets and query evidence, kept in the main store.
public protocol QueryCatalogStore: Sendable {
    /// Every imported dataset, by name.
    func importedDatasets() async throws -> [DatasetDefinition]
    /// Creates the table, inserts every row and registers the dataset in one transaction.
    /// - Throws: `StoreError(.conflict)` when the name is taken.
    func importDataset(_ plan: DatasetImportPlan, createdBy: String, at time: Timestamp) async throws

    func insertEvidence(_ record: EvidenceRecord) async throws
    /// Sets the final outcome, row count, duration and result hash.
    func finishEvidence(id: String, outcome: String, rowCount: Int64, durationMilliseconds: Double, resultSHA256: String) async throws
    func evidence(id: String) async throws -> EvidenceRecord?

    /// The 32-byte key of the partial-masking keyed hash, created on first use and shared by
    /// every instance on the same database.
    func queryMaskKey(generate: @Sendable () -> [UInt8]) async throws -> [UInt8]
}
