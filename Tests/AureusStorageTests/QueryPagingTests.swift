import AureusCore
import AureusProtocol
import AureusStorage
import Testing

/// How results come back page by page: large ones in order and complete, small ones still
/// readable after the statement timeout has passed, and logins reused between queries.
@Suite("Query paging (SQLite and PostgreSQL)")
struct QueryPagingTests {
    /// A result of `rows` integers 1…rows. On PostgreSQL the planner knows how many rows
    /// `generate_series(1, rows)` returns (a cursor), while `(SELECT rows)` hides the count and it
    /// guesses 1,000 (a plain statement, read ahead, then on demand).
    static func counting(to rows: Int, on backend: Backend, hidden: Bool = false) -> GuardedStatement {
        let limit = hidden ? "(SELECT \(rows))" : "\(rows)"
        let sql =
            switch backend {
            case .sqlite: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(limit)) SELECT x FROM c"
            case .postgres: "SELECT x FROM generate_series(1, \(limit)) AS x"
            }
        return GuardedStatement(sql: sql, datasets: [])
    }

    static func readAll(_ cursor: any QueryCursor, pageSize: Int) async throws -> [Int64] {
        var values: [Int64] = []
        while true {
            let page = try await cursor.next(maxRows: pageSize)
            values += page.compactMap { $0.first?.intValue }
            if page.count < pageSize { return values }
        }
    }

    @Test("a small result is read page by page after its statement timeout has passed", arguments: Backend.allCases)
    func smallResultOutlivesTheTimeout(_ backend: Backend) async throws {
        try await QueryEngineHarness.with(backend, timeout: .milliseconds(400)) { harness in
            let cursor = try await harness.engine.start(
                Self.counting(to: 300, on: backend),
                role: .analyst,
                datasets: BuiltInDatasets.all,
                timeout: .milliseconds(400)
            )
            let first = try await cursor.next(maxRows: 100)
            #expect(first.compactMap { $0.first?.intValue } == Array(1...100), "[\(backend)]")
            // An analyst reading the first page: longer than the statement may run.
            try await Task.sleep(for: .milliseconds(700))
            let rest = try await Self.readAll(cursor, pageSize: 100)
            #expect(rest == Array(101...300), "[\(backend)]")
            await cursor.close()
        }
    }

    @Test(
        "large results, and results larger than the planner guessed, come back whole and in order",
        arguments: Backend.allCases,
        [false, true]
    )
    func largeResultsAreComplete(_ backend: Backend, hidden: Bool) async throws {
        try await QueryEngineHarness.with(backend) { harness in
            let cursor = try await harness.engine.start(
                Self.counting(to: 25_000, on: backend, hidden: hidden),
                role: .analyst,
                datasets: BuiltInDatasets.all,
                timeout: .seconds(30)
            )
            let values = try await Self.readAll(cursor, pageSize: 1_000)
            #expect(values.count == 25_000, "[\(backend)] hidden: \(hidden)")
            #expect(values == Array(1...25_000), "[\(backend)] hidden: \(hidden)")
            #expect(try await cursor.next(maxRows: 10).isEmpty)
            await cursor.close()
        }
    }

    /// A login costs a SCRAM handshake; one that ended cleanly serves the next query, one that
    /// was cancelled or left mid-result does not.
    @Test("PostgreSQL reuses a query login after a clean end, never after a cancel")
    func loginsAreReusedAfterACleanEnd() async throws {
        try await QueryEngineHarness.with(.postgres) { harness in
            func backendPID(closingEarly: Bool = false) async throws -> Int64? {
                let cursor = try await harness.engine.start(
                    GuardedStatement(sql: "SELECT pg_backend_pid()", datasets: []),
                    role: .analyst,
                    datasets: BuiltInDatasets.all,
                    timeout: .seconds(30)
                )
                let pid = try await cursor.next(maxRows: 10).first?.first?.intValue
                if closingEarly { cursor.interrupt() }
                await cursor.close()
                return pid
            }
            let first = try #require(try await backendPID())
            #expect(try await backendPID() == first, "a clean end keeps the login")
            #expect(try await backendPID(closingEarly: true) == first)
            #expect(try await backendPID() != first, "a cancelled login must not serve again")

            // Left in the middle of a large result: closed, not reused.
            let large = try await harness.engine.start(
                Self.counting(to: 25_000, on: .postgres, hidden: true),
                role: .analyst,
                datasets: BuiltInDatasets.all,
                timeout: .seconds(30)
            )
            _ = try await large.next(maxRows: 100)
            let reused = try #require(try await backendPID())
            await large.close()
            #expect(try await backendPID() == reused)
        }
    }
}
