import AureusCore
import AureusIngest
import AureusProtocol
import AureusTestSupport
import Foundation
import Synchronization

/// Webhook load for the drills, acting like a provider: each worker posts a signed delivery to
/// one of the live instances and, until it is acknowledged with 200, retries the *same*
/// delivery (same id, body and signature) on the next instance, as providers retry. Only a
/// 200 counts as acknowledged; the drill then checks every acknowledged id is stored once.
final class WebhookLoad: Sendable {
    struct Counts: Sendable {
        var acknowledged: [String] = []
        var duplicates = 0
        var unavailable = 0
        var refused = 0
        var other = 0
        /// When each 200 came (the recovery measurements read it).
        var acknowledgedTimes: [ContinuousClock.Instant] = []
    }

    private let ports = Mutex<[Int]>([])
    private let counts = Mutex(Counts())
    private let stopped = Atomic<Bool>(false)
    let source: String
    let signer: WebhookSigner
    /// Deliveries per second across all workers; nil for as fast as they go.
    let rate: Double?

    init(source: String, signer: WebhookSigner, ports: [Int], rate: Double? = nil) {
        self.source = source
        self.signer = signer
        self.rate = rate
        self.ports.withLock { $0 = ports }
    }

    /// Replaces the instances deliveries go to (a killed one leaves, a restarted one joins).
    func setPorts(_ new: [Int]) { ports.withLock { $0 = new } }
    func stop() { stopped.store(true, ordering: .relaxed) }
    var snapshot: Counts { counts.withLock { $0 } }

    /// Runs `workers` posting loops until ``stop()`` or cancellation (a drill that fails part
    /// way must not wait forever on its load); a delivery still unacknowledged then is
    /// abandoned (never acknowledged, so the drill does not expect it).
    func run(workers: Int) async {
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask { await self.worker(worker, of: workers) }
            }
        }
    }

    private func worker(_ worker: Int, of workers: Int) async {
        var index = 0
        var attempt = 0
        let start = ContinuousClock.now
        while !stopped.load(ordering: .relaxed), !Task.isCancelled {
            index += 1
            if let rate {
                // Paced: worker w sends its k-th delivery at start + k × workers / rate.
                let due = start + .seconds(Double(index) * Double(workers) / rate)
                if due > ContinuousClock.now { try? await Task.sleep(until: due) }
            }
            let now = Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
            let (body, eventID) = DemoPayloads.make(kind: signer.kind, seed: UInt64(worker) << 32 | UInt64(index), time: now)
            let headers = signer.headers(body: body, eventID: eventID, time: now)
            while !stopped.load(ordering: .relaxed), !Task.isCancelled {
                attempt += 1
                let targets = ports.withLock { $0 }
                guard !targets.isEmpty else {
                    try? await Task.sleep(for: .milliseconds(20))
                    continue
                }
                let port = targets[(worker + attempt) % targets.count]
                let response = try? await HTTPProbe.post(host: "127.0.0.1", port: port, path: "/v1/webhooks/\(source)", headers: headers, body: body)
                let status = response?.0 ?? 0
                let done = counts.withLock { counts -> Bool in
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
                if done { break }
                // A provider backs off; a short pause keeps the drill's timing sharp.
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
