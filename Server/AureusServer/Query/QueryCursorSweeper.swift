import Logging
import ServiceLifecycle

/// Closes query cursors nobody fetched from for a while, so an analyst who walks away from a
/// million-row result does not hold a connection (and, on PostgreSQL, a snapshot) forever.
struct QueryCursorSweeper: Service {
    let queries: QueryService
    let interval: Duration

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await queries.sweepIdle()
                try await Task.sleep(for: interval)
            }
        }
    }
}
