import AureusIngest
import AureusProtocol
import Foundation
import Glibc
import Synchronization

/// Posts correctly signed webhooks of every configured kind to a running server at a steady
/// rate (round-robin over the sources), for `aureusd simulate` and `make demo`.
public struct WebhookSimulator: Sendable {
    public struct Target: Sendable {
        public var name: String
        public var kind: WebhookKind
        public var secret: String
        public init(name: String, kind: WebhookKind, secret: String) {
            self.name = name
            self.kind = kind
            self.secret = secret
        }
    }

    /// Counts by HTTP status, for the progress line.
    public final class Counters: Sendable {
        private let counts = Mutex<[Int: Int]>([:])
        func add(_ status: Int) { counts.withLock { $0[status, default: 0] += 1 } }
        public var snapshot: [Int: Int] { counts.withLock { $0 } }
    }

    public let host: String
    public let port: Int
    public let targets: [Target]
    public let ratePerSecond: Double
    public let counters = Counters()

    public init(host: String, port: Int, targets: [Target], ratePerSecond: Double) {
        self.host = host
        self.port = port
        self.targets = targets
        self.ratePerSecond = max(0.1, ratePerSecond)
    }

    /// Posts until `deadline` (or forever) on a thread of its own; returns when done or cancelled.
    public func run(until deadline: ContinuousClock.Instant? = nil) async throws {
        let signers = try targets.map { target in
            (target, WebhookSigner(kind: target.kind, secret: try WebhookSecret(configured: target.secret, kind: target.kind)))
        }
        let stop = Atomic<Bool>(false)
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Bridge: blocking sockets on a dedicated thread, joined through the continuation.
                let thread = Thread {
                    continuation.resume(with: Result { try loop(signers: signers, deadline: deadline, stop: stop) })
                }
                thread.start()
            }
        } onCancel: {
            stop.store(true, ordering: .relaxed)
        }
    }

    private func loop(signers: [(Target, WebhookSigner)], deadline: ContinuousClock.Instant?, stop: borrowing Atomic<Bool>) throws {
        let poster = HTTPPoster(host: host, port: port)
        let interval = Duration.seconds(1 / ratePerSecond)
        var next = ContinuousClock.now
        var seed: UInt64 = UInt64.random(in: 0..<UInt64.max / 2)
        while !stop.load(ordering: .relaxed) {
            if let deadline, ContinuousClock.now >= deadline { return }
            let (target, signer) = signers[Int(seed % UInt64(signers.count))]
            seed &+= 1
            let now = Self.wallClock()
            let (body, eventID) = DemoPayloads.make(kind: target.kind, seed: seed, time: now)
            let status = try poster.post(
                path: "/v1/webhooks/\(target.name)",
                headers: signer.headers(body: body, eventID: eventID, time: now),
                body: body
            )
            counters.add(status)
            next += interval
            let wait = next - ContinuousClock.now
            if wait > .zero { Thread.sleep(forTimeInterval: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18) }
        }
    }

    static func wallClock() -> Timestamp {
        // The wall clock, read at the edge (this is the adapter, not logic).
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
