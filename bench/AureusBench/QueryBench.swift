import AureusClient
import AureusProtocol
import Foundation
import Logging

/// `aureus-bench query --url … --password-file … --sql "SELECT …" --runs 10`: runs one
/// statement `runs` times as admin over one WebSocket, fetching every page (5,000 rows each),
/// and prints round-trip percentiles: what `query.run` costs a client, to set beside the
/// `sqlite3` CLI's `.timer` and psql's `\timing` on the same statement.
enum QueryBench {
    static func run(url: String, passwordFile: String, sql: String, runs: Int) async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let password = try String(contentsOfFile: passwordFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try await ApprovalsBench.withConnection(url, logger) { admin in
            let _: SessionResult = try await admin.call("auth.login", LoginParams(username: "admin", password: password))
            var latencies: [Double] = []
            var rows = 0
            for _ in 0..<max(1, runs) {
                let started = ContinuousClock.now
                var page: QueryPage = try await admin.call("query.run", QueryRunParams(sql: sql, pageSize: 5000))
                rows = page.rows.count
                while let cursor = page.cursor, !page.done {
                    page = try await admin.call("query.fetch", QueryFetchParams(cursor: cursor, pageSize: 5000))
                    rows += page.rows.count
                }
                latencies.append(Latency.milliseconds(ContinuousClock.now - started))
            }
            print(Latency.summary("query.run rows=\(rows)", latencies))
        }
    }
}
