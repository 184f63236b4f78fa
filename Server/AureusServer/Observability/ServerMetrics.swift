import AureusProtocol
import Metrics
import Prometheus
import Synchronization

/// The server's metrics, registered on one Prometheus registry per application so that tests
/// can build several applications in one process (no global `MetricsSystem.bootstrap`).
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    private let openConnections: Metrics.Gauge
    private let queueDepth: Metrics.Gauge
    private let circuitOpen: Metrics.Gauge
    private let connectionCount = Atomic<Int>(0)

    static let latencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.latencyBuckets
        self.factory = factory
        self.openConnections = Metrics.Gauge(label: MetricNames.wsConnections, factory: factory)
        openConnections.record(0)
        self.queueDepth = Metrics.Gauge(label: MetricNames.ingestQueueDepth, factory: factory)
        self.circuitOpen = Metrics.Gauge(label: MetricNames.ingestCircuitOpen, factory: factory)
        queueDepth.record(0)
        circuitOpen.record(0)
    }

    /// A dependency's state (`server.status`): 1 while up or not configured, 0 while degraded or down.
    func dependency(_ name: String, state: DependencyState) {
        Metrics.Gauge(label: MetricNames.dependencyUp, dimensions: [("dependency", name)], factory: factory)
            .record(state == .up || state == .off ? 1 : 0)
    }

    /// One JSON-RPC call finished. `outcome` is "ok" or the error kind.
    func rpcCall(method: String, outcome: String, duration: Duration) {
        Counter(label: MetricNames.rpcCalls, dimensions: [("method", method), ("outcome", outcome)], factory: factory).increment()
        Timer(label: MetricNames.rpcDuration, dimensions: [("method", method)], factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    /// A frame or request was refused before reaching a handler (parse error, oversize, …).
    func rpcRejected(reason: String) {
        Counter(label: MetricNames.rpcRejected, dimensions: [("reason", reason)], factory: factory).increment()
    }

    func httpRequest(path: String, status: Int, duration: Duration) {
        Counter(label: MetricNames.httpRequests, dimensions: [("path", path), ("status", String(status))], factory: factory).increment()
        Timer(label: MetricNames.httpDuration, dimensions: [("path", path)], factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    func storeOperation(_ name: String, duration: Duration) {
        Timer(label: MetricNames.storeDuration, dimensions: [("op", name)], factory: factory).recordNanoseconds(duration.nanoseconds)
    }

    func loginFailure(reason: String) {
        Counter(label: MetricNames.loginFailures, dimensions: [("reason", reason)], factory: factory).increment()
    }

    func auditAppended() {
        Counter(label: MetricNames.auditAppends, factory: factory).increment()
    }

    /// One `POST /v1/approvals/verify` answer: `valid` or the failure reason.
    func tokenVerified(outcome: String) {
        Counter(label: MetricNames.tokenVerifications, dimensions: [("outcome", outcome)], factory: factory).increment()
    }

    /// One webhook answered: `stored`, or the rejection (`auth_failure`, `duplicate`, `overload`, …).
    func webhook(outcome: String) {
        Counter(label: MetricNames.webhooks, dimensions: [("outcome", outcome)], factory: factory).increment()
    }

    /// The group-commit queue and the store breaker, sampled once a second.
    func ingest(queueDepth depth: Int, circuitOpen open: Bool) {
        queueDepth.record(depth)
        circuitOpen.record(open ? 1 : 0)
    }

    /// `audit.verify` found a broken link (alert on any increase).
    /// One finished query by outcome: ok, truncated, cancelled, timeout, abandoned, error, or
    /// refused:<rule> for statements the guard or the database turned down.
    func query(outcome: String, rows: Int) {
        Counter(label: MetricNames.queries, dimensions: [("outcome", outcome)], factory: factory).increment()
        if rows > 0 { Counter(label: MetricNames.queryRows, factory: factory).increment(by: rows) }
    }

    func auditVerifyFailed() {
        Counter(label: MetricNames.auditVerifyFailures, factory: factory).increment()
    }

    func connectionOpened() {
        let now = connectionCount.add(1, ordering: .relaxed).newValue
        openConnections.record(now)
    }

    func connectionClosed() {
        let now = connectionCount.subtract(1, ordering: .relaxed).newValue
        openConnections.record(now)
    }

    /// One spikes frame published: spikes detected and channel-samples processed since the last.
    func neuralFrame(spikes: Int, samples: Int64) {
        Counter(label: MetricNames.neuralSpikes, factory: factory).increment(by: spikes)
        Counter(label: MetricNames.neuralSamples, factory: factory).increment(by: Int(samples))
    }

    /// A live binary frame refused (malformed, unknown_source, forbidden, channels, backwards, full, closed).
    func neuralFrameRejected(reason: String) {
        Counter(label: MetricNames.neuralFramesRejected, dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}

extension Duration {
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }

    var milliseconds: Double { Double(nanoseconds) / 1_000_000 }

    var seconds: Double { Double(nanoseconds) / 1_000_000_000 }
}
