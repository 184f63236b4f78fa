import AureusCore
import AureusProtocol

/// What one instance ingested since it last told the others: per-second counts per series,
/// the newest values, and totals. Merged into every other instance's ``RateTracker`` so each
/// one's `rates` topic shows the whole cluster, with no instance's events counted twice.
struct RateDelta: Codable, Sendable, Equatable {
    struct Count: Codable, Sendable, Hashable {
        var source: String
        var kind: String
        var metric: String
        /// Epoch second the events were counted in.
        var second: Int64
        var count: Int
    }

    var counts: [Count] = []
    var latest: [LatestValue] = []
    var totals = IngestTotals(accepted: 0, stored: 0, samples: 0)
    var rejections = RejectionCounters()

    var isEmpty: Bool {
        counts.isEmpty && latest.isEmpty && totals == IngestTotals(accepted: 0, stored: 0, samples: 0) && rejections == RejectionCounters()
    }
}

extension IngestTotals {
    static func += (lhs: inout IngestTotals, rhs: IngestTotals) {
        lhs.accepted += rhs.accepted
        lhs.stored += rhs.stored
        lhs.samples += rhs.samples
    }
}

extension RejectionCounters {
    static func += (lhs: inout RejectionCounters, rhs: RejectionCounters) {
        lhs.authFailures += rhs.authFailures
        lhs.duplicates += rhs.duplicates
        lhs.overload += rhs.overload
        lhs.malformed += rhs.malformed
        lhs.tooLarge += rhs.tooLarge
        lhs.unknownSource += rhs.unknownSource
    }
}
