import AureusCore
import AureusProtocol
import AureusStorage
import ServiceLifecycle
import Synchronization

/// Watches the store for the ``DependencyBoard``: `down` while the ingest circuit breaker is
/// open (writes are refused with 503) or the health probe fails or hangs, `up` again as soon
/// as a probe answers. Probes run every second on their own task, so a probe stuck on a dead
/// connection is reported as "not answering" instead of stalling the watch.
struct StoreWatch: Service {
    let store: any StoreHealth
    let batcher: IngestBatcher
    let board: DependencyBoard
    var interval: Duration = .seconds(1)
    /// A probe that takes longer than this counts as a failure.
    var probeTimeout: Duration = .milliseconds(1500)

    private final class Probe: Sendable {
        struct State {
            var started: ContinuousClock.Instant?
            var lastError: String?
        }
        let state = Mutex(State())
    }

    func run() async throws {
        let probe = Probe()
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let now = ContinuousClock.now
                let (running, lastError) = probe.state.withLock { state in (state.started, state.lastError) }
                var problem: String?
                if let running {
                    if now - running > probeTimeout { problem = "not answering" }
                } else {
                    probe.state.withLock { $0.started = now }
                    let store = self.store
                    Task {
                        var failure: String?
                        do { try await store.ping() } catch { failure = "unreachable" }
                        probe.state.withLock { state in
                            state.started = nil
                            state.lastError = failure
                        }
                    }
                    problem = lastError
                }
                if batcher.circuitOpen {
                    board.set(DependencyBoard.store, .down, detail: "circuit open: webhooks answered 503 with Retry-After")
                } else if let problem {
                    board.set(DependencyBoard.store, .down, detail: problem)
                } else {
                    board.set(DependencyBoard.store, .up)
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
