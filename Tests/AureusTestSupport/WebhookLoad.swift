import AureusCore
import AureusIngest
import AureusProtocol
import Foundation
import Synchronization

/// Webhook load for the drills, acting like a provider: each worker posts a signed delivery to
/// one of the live instances and, until it is acknowledged with 200, retries the *same*
/// delivery (same id, body and signature) on the next instance, as providers retry. Only a
/// 200 counts as acknowledged; the drill then checks every acknowledged id is stored once.
public final class WebhookLoad: Sendable {
    public struct Counts: Sendable {
        public var acknowledged: [String] = []
        public var duplicates = 0
        public var unavailable = 0
        public var refused = 0
        public var other = 0
        /// When each 200 came (the recovery measurements read it).
        public var acknowledgedTimes: [ContinuousClock.Instant] = []
    }

    private let ports = Mutex<[Int]>([])
    private let counts = Mutex(Counts())
    private let stopped = Atomic<Bool>(false)
    public let source: String
    public let signer: WebhookSigner
    /// Deliveries per second across all workers; nil for as fast as they go.
    public let rate: Double?

    /// Keep-alive connections, one per worker thread, instead of a connection (and a thread)
    /// per request: how the soak reaches thousands of deliveries a second on two cores.
    public let keepAlive: Bool

    public init(source: String, signer: WebhookSigner, ports: [Int], rate: Double? = nil, keepAlive: Bool = false) {
        self.source = source
        self.signer = signer
        self.rate = rate
        self.keepAlive = keepAlive
        self.ports.withLock { $0 = ports }
    }

    /// Replaces the instances deliveries go to (a killed one leaves, a restarted one joins).
    public func setPorts(_ new: [Int]) { ports.withLock { $0 = new } }
    public func stop() { stopped.store(true, ordering: .relaxed) }
    public var snapshot: Counts { counts.withLock { $0 } }
    private var running: Bool { !stopped.load(ordering: .relaxed) && !Task.isCancelled }

    /// Runs `workers` posting loops until ``stop()`` or cancellation (a drill that fails part
    /// way must not wait forever on its load); a delivery still unacknowledged then is
    /// abandoned (never acknowledged, so the drill does not expect it).
    public func run(workers: Int) async {
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                if keepAlive {
                    group.addTask {
                        await withTaskCancellationHandler {
                            // Bridge: a thread of its own for the blocking socket, joined here.
                            await withCheckedContinuation { continuation in
                                Thread { [self] in
                                    blockingWorker(worker, of: workers)
                                    continuation.resume()
                                }
                                .start()
                            }
                        } onCancel: {
                            self.stop()
                        }
                    }
                } else {
                    group.addTask { await self.worker(worker, of: workers) }
                }
            }
        }
    }

    private func worker(_ worker: Int, of workers: Int) async {
        var index = 0
        var attempt = 0
        let start = ContinuousClock.now
        while running {
            index += 1
            if let due = due(start: start, index: index, workers: workers), due > ContinuousClock.now { try? await Task.sleep(until: due) }
            let delivery = delivery(worker: worker, index: index)
            while running {
                attempt += 1
                guard let port = port(worker: worker, attempt: attempt) else {
                    try? await Task.sleep(for: .milliseconds(20))
                    continue
                }
                let response = try? await HTTPProbe.post(
                    host: "127.0.0.1",
                    port: port,
                    path: "/v1/webhooks/\(source)",
                    headers: delivery.headers,
                    body: delivery.body
                )
                if record(response, eventID: delivery.eventID) { break }
                // A provider backs off; a short pause keeps the drill's timing sharp.
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// `worker` on its own thread over one keep-alive connection.
    private func blockingWorker(_ worker: Int, of workers: Int) {
        let client = HTTPKeepAliveClient()
        var index = 0
        var attempt = 0
        let start = ContinuousClock.now
        while !stopped.load(ordering: .relaxed) {
            index += 1
            if let due = due(start: start, index: index, workers: workers), due > ContinuousClock.now {
                let wait = (due - ContinuousClock.now).components
                Thread.sleep(forTimeInterval: Double(wait.seconds) + Double(wait.attoseconds) / 1e18)
            }
            let delivery = delivery(worker: worker, index: index)
            while !stopped.load(ordering: .relaxed) {
                attempt += 1
                guard let port = port(worker: worker, attempt: attempt) else {
                    Thread.sleep(forTimeInterval: 0.02)
                    continue
                }
                let response = client.post(port: port, path: "/v1/webhooks/\(source)", headers: delivery.headers, body: delivery.body)
                if record(response, eventID: delivery.eventID) { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Paced: worker w sends its k-th delivery at start + k × workers / rate.
    private func due(start: ContinuousClock.Instant, index: Int, workers: Int) -> ContinuousClock.Instant? {
        rate.map { start + .seconds(Double(index) * Double(workers) / $0) }
    }

    /// The k-th delivery of a worker, signed now (a retry sends the same bytes again).
    private func delivery(worker: Int, index: Int) -> (body: [UInt8], eventID: String, headers: [(String, String)]) {
        let now = Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        let (body, eventID) = DemoPayloads.make(kind: signer.kind, seed: UInt64(worker) << 32 | UInt64(index), time: now)
        return (body, eventID, signer.headers(body: body, eventID: eventID, time: now))
    }

    /// The instance for this attempt (workers spread out, retries move on), or nil when none is up.
    private func port(worker: Int, attempt: Int) -> Int? {
        let targets = ports.withLock { $0 }
        return targets.isEmpty ? nil : targets[(worker + attempt) % targets.count]
    }

    /// Counts one response; true when the delivery was acknowledged.
    private func record(_ response: (Int, String)?, eventID: String) -> Bool {
        let status = response?.0 ?? 0
        return counts.withLock { counts -> Bool in
            switch status {
            case 200:
                counts.acknowledged.append(eventID)
                if response?.1.contains(#""duplicate":true"#) == true { counts.duplicates += 1 }
                counts.acknowledgedTimes.append(ContinuousClock.now)
                return true
            case 503: counts.unavailable += 1
            case 0: counts.refused += 1
            default: counts.other += 1
            }
            return false
        }
    }
}
