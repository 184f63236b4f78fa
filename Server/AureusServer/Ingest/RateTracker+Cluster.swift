import AureusCore
import AureusProtocol
import Synchronization

/// Cluster-wide rates: each instance forwards what it ingested (``drainDelta()``) and merges
/// what the others forwarded (``merge(_:)``), so every instance's snapshot covers them all.
extension RateTracker {
    /// The counts gathered for the next ``RateDelta``, keyed so a busy second is one entry.
    struct OutboundCounts: Sendable {
        struct Bucket: Hashable, Sendable {
            let series: SeriesKey
            let second: Int64
        }

        var counts: [Bucket: Int] = [:]
        var latest: [LatestKey: LatestValue] = [:]
        var totals = IngestTotals(accepted: 0, stored: 0, samples: 0)
        var rejections = RejectionCounters()
    }

    /// Starts gathering outbound counts (called once the cluster relay runs).
    func enableForwarding() {
        state.withLock { if $0.outbound == nil { $0.outbound = OutboundCounts() } }
    }

    /// What was ingested here since the last call; nil when nothing was.
    func drainDelta() -> RateDelta? {
        let outbound: OutboundCounts? = state.withLock { state in
            guard let pending = state.outbound else { return nil }
            state.outbound = OutboundCounts()
            return pending
        }
        guard let outbound else { return nil }
        let delta = RateDelta(
            counts: outbound.counts.map { bucket, count in
                RateDelta.Count(
                    source: bucket.series.source,
                    kind: bucket.series.kind,
                    metric: bucket.series.metric,
                    second: bucket.second,
                    count: count
                )
            },
            latest: Array(outbound.latest.values),
            totals: outbound.totals,
            rejections: outbound.rejections
        )
        return delta.isEmpty ? nil : delta
    }

    /// Adds another instance's ingestion. Nothing is forwarded again, and the metrics hook is
    /// not told: `/metrics` counts what this instance answered (Prometheus sums instances).
    func merge(_ delta: RateDelta) {
        state.withLock { state in
            for count in delta.counts {
                Self.count(
                    &state,
                    SeriesKey(source: count.source, kind: count.kind, metric: count.metric),
                    count.count,
                    count.second,
                    forward: false
                )
            }
            for value in delta.latest {
                _ = Self.keepLatest(&state, LatestKey(source: value.source, metric: value.metric, user: value.user), value)
            }
            state.totals += delta.totals
            state.rejections += delta.rejections
        }
        ring.yield()
    }
}
