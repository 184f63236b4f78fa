import ArgumentParser
import AureusProtocol
import AureusServer
import Foundation

/// `aureusd serve` options for the query REPL and the recordings it may replay. Precedence as for `ServerOptions`: flag, then
/// `AUREUS_*` environment variable, then the default.
struct QueryOptions: ParsableArguments {
    @Option(help: "Ollama model for query.ask, e.g. qwen2.5-coder:7b (env AUREUS_QUERY_MODEL). Omit to keep natural-language questions off.")
    var queryModel: String?

    @Option(help: "Rows one query may return, every role (env AUREUS_QUERY_ROW_LIMIT; default 10000).")
    var queryRowLimit: Int?

    @Option(help: "Rows one query may return for admins, above --query-row-limit (env AUREUS_QUERY_ADMIN_ROW_LIMIT).")
    var queryAdminRowLimit: Int?

    @Option(help: "Seconds a statement may run per page before it is stopped (env AUREUS_QUERY_TIMEOUT; default 30).")
    var queryTimeout: String?

    @Option(help: "Directory neural.sources.start may replay recordings from (env AUREUS_RECORDINGS_DIR; default <data-dir>/recordings).")
    var recordingsDir: String?

    func apply(to configuration: inout ServerConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if let value = queryModel ?? environment["AUREUS_QUERY_MODEL"], !value.isEmpty { configuration.queryModel = value }
        if let value = queryRowLimit ?? environment["AUREUS_QUERY_ROW_LIMIT"].flatMap({ Int($0) }) {
            guard value > 0 else { throw ValidationError("--query-row-limit must be positive") }
            for role in Role.allCases { configuration.queryRowLimits[role] = value }
        }
        if let value = queryAdminRowLimit ?? environment["AUREUS_QUERY_ADMIN_ROW_LIMIT"].flatMap({ Int($0) }) {
            guard value > 0 else { throw ValidationError("--query-admin-row-limit must be positive") }
            configuration.queryRowLimits[.admin] = value
        }
        if let value = recordingsDir ?? environment["AUREUS_RECORDINGS_DIR"], !value.isEmpty { configuration.recordingsDirectory = value }
        if let value = queryTimeout ?? environment["AUREUS_QUERY_TIMEOUT"] {
            configuration.queryStatementTimeout = try ServerConfiguration.interval(seconds: value, name: "--query-timeout")
        }
    }
}
