import AureusCore
import AureusProtocol
import Logging
import ServiceLifecycle
import Synchronization

/// Group commit: request handlers enqueue verified deliveries and wait; writer loops take
/// everything queued (up to `maxBatch`) and commit it in one transaction, then answer every
/// waiter. One fsync covers many webhooks, and a 2xx is only ever sent after the commit that
/// holds its row — so an acknowledged webhook survives `kill -9`.
///
/// The queue is bounded: beyond `capacity` waiting deliveries, `submit` fails at once with
/// `overloaded` (503 + Retry-After) instead of letting latency grow without bound. A circuit
/// breaker stops sending work to a store that keeps failing.
final class IngestBatcher: Service, Sendable {
    /// Called exactly once with the delivery's fate, on the committing task's thread.
    typealias Waiter = @Sendable (Result<DeliveryOutcome, any Error>) -> Void

    struct Pending {
        let delivery: NewDelivery
        let waiter: Waiter
    }

    struct State {
        var queue: [Pending] = []
        var breaker: CircuitBreaker
        var accepting = true
    }

    let store: any WebhookStore
    let capacity: Int
    let maxBatch: Int
    let writers: Int
    let clock: any WallClock
    let logger: Logger
    private let state: Mutex<State>
    private let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation
    private let inFlight = Atomic<Int>(0)
    /// A commit that has not answered by then is given up on: its deliveries get 503 (not
    /// acknowledged, so the provider retries; if the commit lands after all, the retry is
    /// answered as a duplicate) and its writer slot is freed. Guards against a database
    /// connection that dies mid-transaction without the driver noticing.
    let commitDeadline: Duration

    init(
        store: any WebhookStore,
        capacity: Int = 8_192,
        maxBatch: Int = 512,
        writers: Int = 1,
        breaker: CircuitBreaker = CircuitBreaker(),
        commitDeadline: Duration = .seconds(10),
        clock: any WallClock,
        logger: Logger
    ) {
        self.commitDeadline = commitDeadline
        self.store = store
        self.capacity = capacity
        self.maxBatch = maxBatch
        self.writers = max(1, writers)
        self.clock = clock
        self.logger = logger
        self.state = Mutex(State(breaker: breaker))
        (doorbell, ring) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Waits until the delivery is committed (or found to be a duplicate).
    func submit(_ delivery: NewDelivery) async throws -> DeliveryOutcome {
        try await withCheckedThrowingContinuation { continuation in
            submit(delivery) { continuation.resume(with: $0) }
        }
    }

    /// Queues the delivery; `waiter` hears once it is committed, found a duplicate, or refused.
    /// The event-loop webhook path uses this form: no task waits per request.
    func submit(_ delivery: NewDelivery, waiter: @escaping Waiter) {
        let now = clock.now().milliseconds
        let refusal: IngestError? = state.withLock { state in
            guard state.accepting else { return IngestError(code: .shuttingDown, retryAfterSeconds: 5) }
            if case .open(let until) = state.breaker.state, now < until {
                return IngestError(code: .storeUnavailable, retryAfterSeconds: Int(max(1, (until - now + 999) / 1000)))
            }
            guard state.queue.count < capacity else { return IngestError(code: .overloaded, retryAfterSeconds: 1) }
            state.queue.append(Pending(delivery: delivery, waiter: waiter))
            return nil
        }
        if let refusal {
            waiter(.failure(refusal))
        } else {
            ring.yield()
        }
    }

    var queueDepth: Int { state.withLock { $0.queue.count } }
    var circuitOpen: Bool { state.withLock { $0.breaker.isOpen } }

    func run() async throws {
        try await withGracefulShutdownHandler {
            await writerLoop()
        } onGracefulShutdown: {
            // Stop taking new work; the loop drains what is queued, then the doorbell ends it.
            self.state.withLock { $0.accepting = false }
            self.ring.finish()
        }
    }

    /// One loop takes batches; up to `writers` commits run at once (1 for SQLite, whose
    /// single writer gains nothing from more; several for PostgreSQL's pool).
    private func writerLoop() async {
        await withDiscardingTaskGroup { group in
            for await _ in doorbell {
                while inFlight.load(ordering: .acquiring) < writers, let batch = take() {
                    inFlight.add(1, ordering: .acquiringAndReleasing)
                    group.addTask {
                        await self.commitWithDeadline(batch)
                        self.inFlight.subtract(1, ordering: .acquiringAndReleasing)
                        self.ring.yield()
                    }
                }
            }
        }
        while let batch = take() { await commitWithDeadline(batch) }
    }

    /// Runs ``commit(_:settlement:)`` but returns by ``commitDeadline`` at the latest, answering
    /// the batch with 503 then. The commit itself is left to finish (or hang) on its own task.
    private func commitWithDeadline(_ batch: [Pending]) async {
        let settlement = BatchSettlement(batch)
        let race = CommitRace()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let timer = Task {
                try? await Task.sleep(for: commitDeadline)
                guard !Task.isCancelled, !race.finished.exchange(true, ordering: .acquiringAndReleasing) else { return }
                let now = clock.now().milliseconds
                state.withLock { $0.breaker.recordFailure(now: now) }
                logger.error("group commit exceeded its deadline; answered 503", metadata: ["aureus.batch": "\(batch.count)"])
                settlement.fail(IngestError(code: .storeUnavailable, retryAfterSeconds: 1))
                done.resume()
            }
            Task {
                await self.commit(batch, settlement: settlement)
                timer.cancel()
                if !race.finished.exchange(true, ordering: .acquiringAndReleasing) { done.resume() }
            }
        }
    }

    private func take() -> [Pending]? {
        state.withLock { state in
            guard !state.queue.isEmpty else { return nil }
            let count = min(maxBatch, state.queue.count)
            let batch = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return batch
        }
    }

    private func commit(_ batch: [Pending], settlement: BatchSettlement) async {
        let now = clock.now().milliseconds
        let decision = state.withLock { $0.breaker.request(now: now) }
        if case .reject(let retry) = decision {
            let error = IngestError(code: .storeUnavailable, retryAfterSeconds: Int(max(1, (retry + 999) / 1000)))
            settlement.fail(error)
            return
        }
        do {
            let outcomes = try await store.storeDeliveries(batch.map(\.delivery))
            state.withLock { $0.breaker.recordSuccess() }
            settlement.succeed(outcomes)
        } catch {
            let opened = state.withLock { state in
                state.breaker.recordFailure(now: clock.now().milliseconds)
                return state.breaker.isOpen
            }
            logger.error(
                "group commit failed",
                metadata: ["aureus.batch": "\(batch.count)", "aureus.error": "\(error)", "aureus.circuit_open": "\(opened)"]
            )
            settlement.fail(IngestError(code: .storeUnavailable, retryAfterSeconds: opened ? 2 : 1))
        }
    }
}

/// Which of a commit and its deadline came first.
final class CommitRace: Sendable {
    let finished = Atomic<Bool>(false)
}

/// A batch's waiters, answered exactly once: by the commit's outcome or by its deadline,
/// whichever comes first (a continuation resumed twice would trap).
final class BatchSettlement: Sendable {
    private let waiters: Mutex<[IngestBatcher.Waiter]?>

    init(_ batch: [IngestBatcher.Pending]) { waiters = Mutex(batch.map(\.waiter)) }

    private func take() -> [IngestBatcher.Waiter]? { waiters.withLock { $0.take() } }

    func succeed(_ outcomes: [DeliveryOutcome]) {
        guard let waiters = take() else { return }
        for (waiter, outcome) in zip(waiters, outcomes) { waiter(.success(outcome)) }
        for waiter in waiters.dropFirst(outcomes.count) { waiter(.failure(IngestError(code: .storeUnavailable, retryAfterSeconds: 1))) }
    }

    func fail(_ error: IngestError) {
        guard let waiters = take() else { return }
        for waiter in waiters { waiter(.failure(error)) }
    }
}
