import AureusCore
import AureusCrypto
import AureusProtocol
import AureusStorage
import Testing

/// A store with a few biometric samples, users and audit events, and its query engine, for
/// the engine tests on both backends.
struct QueryEngineHarness: Sendable {
    let store: TestStore
    let engine: any QueryEngine
    let key: [UInt8]
    let backend: Backend

    /// The stored pseudonyms: "alice-…" values that must never appear unmasked below admin.
    static let pseudonyms = ["alice-7f3e", "bob-19c2", "carol-55aa"]

    static func with(_ backend: Backend, timeout: Duration = .seconds(30), _ body: (QueryEngineHarness) async throws -> Void) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let source = try await store.createSource(
                NewWebhookSource(name: "oura-main", kind: "oura", secret: "s3cret", createdAt: Timestamp(milliseconds: 1_700_000_000_000))
            )
            var deliveries: [NewDelivery] = []
            for (index, user) in pseudonyms.enumerated() {
                deliveries.append(
                    NewDelivery(
                        sourceID: source.id,
                        eventID: "evt-\(index)",
                        receivedAt: Timestamp(milliseconds: 1_700_000_100_000),
                        rawBody: Array(#"{"id":"evt-\#(index)"}"#.utf8),
                        samples: (0..<4).map { sample in
                            SampleRecord(
                                user: user,
                                metric: sample.isMultiple(of: 2) ? "heart_rate" : "hrv",
                                value: Double(60 + index * 10 + sample),
                                unit: "bpm",
                                time: Timestamp(milliseconds: 1_700_000_000_000 + Int64(index * 10 + sample))
                            )
                        },
                        notifications: []
                    )
                )
            }
            _ = try await store.storeDeliveries(deliveries)
            _ = try await store.createUser(
                NewUser(username: "root-user", role: .admin, passwordHash: "$argon2id$secret-hash", createdAt: Timestamp(milliseconds: 1))
            )
            let key = try await store.queryMaskKey { Array(repeating: 7, count: 32) }
            let engine = try await store.makeQueryEngine(maskKey: key, statementTimeout: timeout)
            try await engine.installViews(BuiltInDatasets.all)
            try await body(QueryEngineHarness(store: store, engine: engine, key: key, backend: backend))
        }
    }

    /// Guard, then engine: the whole `query.run` path without the RPC layer.
    func run(_ sql: String, as role: Role, timeout: Duration = .seconds(30)) async throws -> (columns: [QueryColumn], rows: [[JSONValue]]) {
        let statement = try StatementGuard(datasets: Set(BuiltInDatasets.all.map(\.name))).check(sql)
        return try await runUnguarded(statement, as: role, timeout: timeout)
    }

    /// The engine alone: what the database enforces when the guard is not there.
    func runUnguarded(
        _ statement: GuardedStatement,
        as role: Role,
        timeout: Duration = .seconds(30)
    ) async throws -> (
        columns: [QueryColumn], rows: [[JSONValue]]
    ) {
        let cursor = try await engine.start(statement, role: role, datasets: BuiltInDatasets.all, timeout: timeout)
        do {
            var rows: [[JSONValue]] = []
            while true {
                let page = try await cursor.next(maxRows: 100)
                rows += page
                if page.count < 100 { break }
            }
            let columns = cursor.columns
            await cursor.close()
            return (columns, rows)
        } catch {
            await cursor.close()
            throw error
        }
    }

    func partialMask(_ value: String) -> String {
        PartialMask.format(mac: HMACSHA256.mac(key: key, message: Array(value.utf8)))
    }
}
