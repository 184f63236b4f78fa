import AureusProtocol
import Synchronization

/// Counts refused webhooks by source and reason between audit flushes, so an attacker's
/// flood becomes one audit event a minute ("webhooks.rejected" with the counts), not one row
/// per request.
final class RejectionLedger: Sendable {
    private let counts = Mutex<[String: [String: Int64]]>([:])

    func note(source: String, reason: String) {
        counts.withLock { $0[source, default: [:]][reason, default: 0] += 1 }
    }

    /// The counts since the last call, as an audit summary; nil when nothing was refused.
    func drain() -> JSONValue? {
        let taken = counts.withLock { counts in
            defer { counts.removeAll() }
            return counts
        }
        guard !taken.isEmpty else { return nil }
        return .object(taken.mapValues { reasons in .object(reasons.mapValues { .int($0) }) })
    }
}
