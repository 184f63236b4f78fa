import ServiceLifecycle

/// Samples the group-commit queue depth and the store breaker into gauges once a second, so
/// `/metrics` (and the shipped alert rules) see overload and an open circuit as they happen.
struct IngestGauges: Service {
    let batcher: IngestBatcher
    let metrics: ServerMetrics
    var interval: Duration = .seconds(1)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                metrics.ingest(queueDepth: batcher.queueDepth, circuitOpen: batcher.circuitOpen)
                try await Task.sleep(for: interval)
            }
        }
    }
}
