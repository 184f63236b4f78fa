import AureusCore
import AureusCrypto
import AureusProtocol
import AureusStorage
import Logging
import Synchronization

/// Runs analysts' SQL: the guard, the backend engine, row limits, paging, cancellation and an
/// evidence record for every query however it ends.
///
/// Cursors live here, keyed by a random id and owned by the user who opened them; nothing but
/// the current page is held in memory. A cursor closes when its last page is sent, when it is
/// cancelled, when a fetch fails, or when nobody fetched from it for `queryIdleTimeout`.
final class QueryService: Sendable {
    let catalogStore: any QueryCatalogStore
    let factory: any QueryEngineFactory
    let configuration: ServerConfiguration
    let clock: any WallClock
    let metrics: ServerMetrics
    let logger: Logger

    private let engine = Mutex<Result<any QueryEngine, QueryExecutionError>>(
        .failure(QueryExecutionError(.unavailable, "queries are starting up"))
    )
    private let datasets = Mutex<[DatasetDefinition]>(BuiltInDatasets.all)
    private let open = Mutex<[String: OpenQuery]>([:])

    init(
        catalogStore: any QueryCatalogStore,
        factory: any QueryEngineFactory,
        configuration: ServerConfiguration,
        clock: any WallClock,
        metrics: ServerMetrics,
        logger: Logger
    ) {
        self.catalogStore = catalogStore
        self.factory = factory
        self.configuration = configuration
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
    }

    /// Builds the engine once the store is migrated. A failure (PostgreSQL owner without
    /// CREATEROLE) leaves queries unavailable with the reason, not the server down.
    func prepare() async {
        do {
            let key = try await catalogStore.queryMaskKey { SecureRandom.bytes(32) }
            let engine = try await factory.makeQueryEngine(maskKey: key, statementTimeout: configuration.queryStatementTimeout)
            let all = BuiltInDatasets.all + (try await catalogStore.importedDatasets())
            try await engine.installViews(all)
            datasets.withLock { $0 = all }
            self.engine.withLock { $0 = .success(engine) }
        } catch {
            let reason = "queries are unavailable: \(error)"
            logger.error("query engine did not start", metadata: ["aureus.error": "\(error)"])
            engine.withLock { $0 = .failure(QueryExecutionError(.unavailable, reason)) }
        }
    }

    var currentDatasets: [DatasetDefinition] { datasets.withLock { $0 } }

    func replaceDatasets(_ all: [DatasetDefinition]) { datasets.withLock { $0 = all } }

    func readyEngine() throws(QueryExecutionError) -> any QueryEngine { try engine.withLock { $0 }.get() }

    // MARK: - Running

    func run(_ params: QueryRunParams, caller: AuthenticatedSession) async throws -> (QueryPage, AuditNote) {
        let engine = try readyEngine()
        let pageSize = try Self.pageSize(params.pageSize)
        let all = currentDatasets
        let statement: GuardedStatement
        do {
            statement = try StatementGuard(datasets: Set(all.map(\.name))).check(params.sql)
        } catch {
            metrics.query(outcome: "refused:\(error.rule.rawValue)", rows: 0)
            throw error
        }
        let mine = open.withLock { $0.values.filter { $0.owner == caller.username }.count }
        guard mine < configuration.queryMaxCursorsPerUser else {
            throw RPCError(.rateLimited, reason: "you have \(mine) queries open; finish or cancel one (query.cancel) first")
        }
        let evidenceID = "ev-" + Hex.encode(SecureRandom.bytes(8))
        var masking: [String: String] = [:]
        for dataset in all where statement.datasets.contains(dataset.name) {
            masking.merge(dataset.maskingApplied(for: caller.role)) { first, _ in first }
        }
        try await catalogStore.insertEvidence(
            EvidenceRecord(
                id: evidenceID,
                time: clock.now(),
                user: caller.username,
                role: caller.role,
                question: params.question,
                sql: statement.sql,
                datasets: statement.datasets,
                masking: masking,
                outcome: "running",
                rowCount: 0,
                durationMilliseconds: 0,
                resultSHA256: nil
            )
        )
        let started = ContinuousClock.now
        let cursor: any QueryCursor
        do {
            cursor = try await engine.start(statement, role: caller.role, datasets: all, timeout: configuration.queryStatementTimeout)
        } catch {
            let elapsed = (ContinuousClock.now - started).milliseconds
            let outcome = Self.outcome(of: error)
            try? await catalogStore.finishEvidence(
                id: evidenceID,
                outcome: outcome.evidence,
                rowCount: 0,
                durationMilliseconds: elapsed,
                resultSHA256: SHA256.hex([])
            )
            metrics.query(outcome: outcome.metric, rows: 0)
            throw error
        }
        let query = OpenQuery(
            cursorID: "qc-" + Hex.encode(SecureRandom.bytes(12)),
            evidenceID: evidenceID,
            owner: caller.username,
            cursor: cursor,
            rowLimit: configuration.queryRowLimits[caller.role] ?? 10_000,
            masking: masking
        )
        open.withLock { $0[query.cursorID] = query }
        let page = try await nextPage(query, size: pageSize)
        let note = AuditNote(
            target: "evidence:\(evidenceID)",
            result: ["evidenceID": .string(evidenceID), "datasets": .array(statement.datasets.map { .string($0) })]
        )
        return (page, note)
    }

    func fetch(_ params: QueryFetchParams, caller: AuthenticatedSession) async throws -> QueryPage {
        let pageSize = try Self.pageSize(params.pageSize)
        return try await nextPage(try owned(params.cursor, by: caller), size: pageSize)
    }

    func cancel(_ params: QueryCancelParams, caller: AuthenticatedSession) async throws -> QueryCancelResult {
        guard let query = try? owned(params.cursor, by: caller) else { return QueryCancelResult(cancelled: false) }
        query.cursor.interrupt()
        return QueryCancelResult(cancelled: await finish(query, outcome: "cancelled"))
    }

    /// Closes cursors nobody fetched from for `queryIdleTimeout`.
    func sweepIdle() async {
        let limit = configuration.queryIdleTimeout
        let stale = open.withLock { open in
            open.values.filter { query in query.progress.withLock { !$0.busy && ContinuousClock.now - $0.lastUsed > limit } }
        }
        for query in stale { await finish(query, outcome: "abandoned") }
    }

    /// Open cursors, for tests and metrics.
    var openCount: Int { open.withLock { $0.count } }

    private func owned(_ cursorID: String, by caller: AuthenticatedSession) throws -> OpenQuery {
        guard let query = open.withLock({ $0[cursorID] }), query.owner == caller.username else {
            throw RPCError(.notFound, reason: "no open query with cursor \(cursorID) (it finished, was cancelled or timed out)")
        }
        return query
    }

    private func nextPage(_ query: OpenQuery, size: Int) async throws -> QueryPage {
        let (claimed, offset) = query.progress.withLock { progress -> (Bool, Int) in
            guard !progress.busy, !progress.finished else { return (false, progress.sent) }
            progress.busy = true
            return (true, progress.sent)
        }
        guard claimed else { throw RPCError(.conflict, reason: "this cursor is already fetching a page or has finished") }
        defer { query.progress.withLock { $0.busy = false } }
        let remaining = query.rowLimit - offset
        // One row past the limit tells "exactly at the limit" from "cut short".
        let request = min(size, remaining + 1)
        var rows: [[JSONValue]]
        do {
            rows = try await query.cursor.next(maxRows: request)
        } catch {
            let outcome = Self.outcome(of: error)
            await finish(query, outcome: outcome.evidence, metric: outcome.metric)
            throw error
        }
        let truncated = rows.count > remaining
        if truncated { rows.removeLast(rows.count - remaining) }
        let done = truncated || rows.count < request
        let columns = query.cursor.columns
        if offset == 0 { query.hashColumns(columns) }
        query.record(rows)
        if done { await finish(query, outcome: truncated ? "truncated" : "ok") }
        return QueryPage(
            cursor: done ? nil : query.cursorID,
            columns: columns,
            rows: rows,
            offset: offset,
            done: done,
            truncated: truncated,
            rowLimit: query.rowLimit,
            elapsedMilliseconds: query.elapsedMilliseconds,
            evidenceID: query.evidenceID,
            masking: query.masking
        )
    }

    /// Closes the cursor and seals the evidence record, once; false when already finished.
    @discardableResult
    private func finish(_ query: OpenQuery, outcome: String, metric: String? = nil) async -> Bool {
        open.withLock { _ = $0.removeValue(forKey: query.cursorID) }
        guard let (rows, sha256) = query.finish() else { return false }
        await query.cursor.close()
        do {
            try await catalogStore.finishEvidence(
                id: query.evidenceID,
                outcome: outcome,
                rowCount: Int64(rows),
                durationMilliseconds: query.elapsedMilliseconds,
                resultSHA256: sha256
            )
        } catch {
            logger.error("could not seal query evidence", metadata: ["aureus.evidence": "\(query.evidenceID)", "aureus.error": "\(error)"])
        }
        metrics.query(outcome: metric ?? outcome, rows: rows)
        return true
    }

    static func pageSize(_ requested: Int?) throws(RPCError) -> Int {
        let size = requested ?? 500
        guard (1...5000).contains(size) else { throw RPCError(.invalidParams, reason: "pageSize must be between 1 and 5000") }
        return size
    }

    /// The evidence text and metric label of a failure.
    static func outcome(of error: any Error) -> (evidence: String, metric: String) {
        switch error {
        case let refusal as QueryRefusal: ("refused: \(refusal.reason)", "refused:\(refusal.rule.rawValue)")
        case let failure as QueryExecutionError where failure.kind == .cancelled: ("cancelled", "cancelled")
        case let failure as QueryExecutionError where failure.kind == .timeout: ("timeout", "timeout")
        case let failure as QueryExecutionError: ("error: \(failure.reason)", "error")
        default: ("error: \(error)", "error")
        }
    }
}
