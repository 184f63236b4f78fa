import AureusClient
import AureusProtocol
import AureusTUI

/// Runs one statement and hands every page to a sink, fetching until the server says done:
/// the one loop behind `\o` exports and `aureus query`, so both stream the same way and
/// neither holds more than one page.
enum QueryStreamer {
    /// The largest page the server accepts: fewest round trips for whole-result streaming.
    static let pageSize = 5000
    /// Long statements are the server's to limit; the client only gives up on a dead server.
    static let timeout = Duration.seconds(600)

    /// Streams the result of `sql` into `sink` and returns the last page (truncation, evidence).
    /// A sink that throws (disk full) stops the stream and closes the server's cursor.
    static func stream(
        sql: String,
        question: String?,
        connection: AureusConnection,
        pageSize: Int = QueryStreamer.pageSize,
        sink: (QueryPage) throws -> Void
    ) async throws -> QueryPage {
        var page = try await call(connection, RPCMethods.queryRun.name, QueryRunParams(sql: sql, question: question, pageSize: pageSize))
        while true {
            do { try sink(page) } catch {
                if let cursor = page.cursor, !page.done {
                    _ = try? await call(connection, RPCMethods.queryCancel.name, QueryCancelParams(cursor: cursor))
                }
                throw error
            }
            guard !page.done, let cursor = page.cursor else { return page }
            page = try await call(connection, RPCMethods.queryFetch.name, QueryFetchParams(cursor: cursor, pageSize: pageSize))
        }
    }

    /// One `query.run` or `query.fetch`, read with `QueryPage(json:)`.
    static func call(_ connection: AureusConnection, _ method: String, _ params: some Encodable) async throws -> QueryPage {
        let value = try await connection.callRaw(method, params: try JSONValue(encoding: params), timeout: timeout)
        return try QueryPage(json: value)
    }

    /// The words to show for a failure: the server's code and reason, or the client's error.
    static func reason(_ error: any Error) -> String {
        if let error = error as? RPCError { return "\(error.code.name): \(error.reason)" }
        return "\(error)"
    }
}
