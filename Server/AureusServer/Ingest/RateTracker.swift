import AureusCore
import AureusProtocol
import Synchronization

/// Live ingestion statistics: a `RateWindow` per (source, metric), the newest value per
/// (pseudonymous user, metric), totals and rejection counters. Recording is a few
/// dictionary operations under one lock; snapshots are built at most a few times a second.
final class RateTracker: Sendable {
    enum Rejection: String, Sendable {
        case authFailure = "auth_failure"
        case duplicate
        case overload
        case malformed
        case tooLarge = "too_large"
        case unknownSource = "unknown_source"
    }

    struct SeriesKey: Hashable, Sendable {
        let source: String
        let kind: String
        let metric: String
    }

    struct LatestKey: Hashable, Sendable {
        let source: String
        let metric: String
        let user: String
    }

    struct State: Sendable {
        var series: [SeriesKey: RateWindow] = [:]
        var latest: [LatestKey: LatestValue] = [:]
        var totals = IngestTotals(accepted: 0, stored: 0, samples: 0)
        var rejections = RejectionCounters()
        /// What this instance ingested since the last ``drainDelta()``; `nil` unless clustered.
        var outbound: OutboundCounts?
    }

    /// Bounds the latest-values table so a flood of distinct users cannot grow memory.
    static let maxLatest = 2_000
    static let historySeconds = 300
    let state = Mutex(State())
    /// Rung on every change; the publisher waits on it, so a quiet server publishes nothing.
    let changes: AsyncStream<Void>
    let ring: AsyncStream<Void>.Continuation

    /// Told about every answered webhook (`stored` or the rejection's raw value): the metrics hook.
    private let observe: @Sendable (String) -> Void

    init(observe: @escaping @Sendable (String) -> Void = { _ in }) {
        self.observe = observe
        (changes, ring) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// A committed delivery: counts per metric of its samples (or one "notification").
    func recordStored(source: String, kind: String, samples: [SampleRecord], notifications: Int, now: Timestamp) {
        observe("stored")
        let second = now.milliseconds / 1000
        state.withLock { state in
            state.totals.accepted += 1
            state.totals.stored += 1
            state.totals.samples += Int64(samples.count)
            if samples.isEmpty {
                Self.count(&state, SeriesKey(source: source, kind: kind, metric: "notification"), 1, second)
            }
            var perMetric: [String: Int] = [:]
            for sample in samples {
                perMetric[sample.metric, default: 0] += 1
                let key = LatestKey(source: source, metric: sample.metric, user: sample.user)
                let value = LatestValue(
                    source: source,
                    metric: sample.metric,
                    user: sample.user,
                    value: sample.value,
                    unit: sample.unit,
                    time: sample.time
                )
                if Self.keepLatest(&state, key, value) { state.outbound?.latest[key] = value }
            }
            for (metric, count) in perMetric { Self.count(&state, SeriesKey(source: source, kind: kind, metric: metric), count, second) }
            state.outbound?.totals += IngestTotals(accepted: 1, stored: 1, samples: Int64(samples.count))
        }
        ring.yield()
    }

    static func count(_ state: inout State, _ key: SeriesKey, _ count: Int, _ second: Int64, forward: Bool = true) {
        var window = state.series[key] ?? RateWindow(capacity: historySeconds + 1, now: second)
        window.record(count, at: second)
        state.series[key] = window
        if forward { state.outbound?.counts[OutboundCounts.Bucket(series: key, second: second), default: 0] += count }
    }

    /// Keeps `value` as the newest for `key` unless a newer one is held or the table is full.
    /// - Returns: whether it was kept.
    static func keepLatest(_ state: inout State, _ key: LatestKey, _ value: LatestValue) -> Bool {
        if let existing = state.latest[key], existing.time > value.time { return false }
        if state.latest[key] == nil, state.latest.count >= Self.maxLatest { return false }
        state.latest[key] = value
        return true
    }

    func recordRejection(_ kind: Rejection) {
        observe(kind.rawValue)
        state.withLock { state in
            var rejections = RejectionCounters()
            var totals = IngestTotals(accepted: 0, stored: 0, samples: 0)
            switch kind {
            case .authFailure: rejections.authFailures = 1
            case .duplicate:
                rejections.duplicates = 1
                totals.accepted = 1
            case .overload: rejections.overload = 1
            case .malformed: rejections.malformed = 1
            case .tooLarge: rejections.tooLarge = 1
            case .unknownSource: rejections.unknownSource = 1
            }
            state.rejections += rejections
            state.totals += totals
            state.outbound?.rejections += rejections
            state.outbound?.totals += totals
        }
        ring.yield()
    }

    func snapshot(now: Timestamp) -> RatesSnapshot {
        let second = now.milliseconds / 1000
        return state.withLock { state in
            var series: [RateSeries] = []
            for key in state.series.keys {
                var window = state.series[key]!
                series.append(
                    RateSeries(
                        source: key.source,
                        kind: key.kind,
                        metric: key.metric,
                        perSecond1s: window.rate(overLast: 1, now: second),
                        perSecond10s: window.rate(overLast: 10, now: second),
                        perSecond60s: window.rate(overLast: 60, now: second),
                        total: window.total,
                        history: window.history(seconds: Self.historySeconds, now: second)
                    )
                )
                state.series[key] = window
            }
            series.sort { ($0.source, $0.metric) < ($1.source, $1.metric) }
            let latest = state.latest.values.sorted { ($0.source, $0.metric, $0.user) < ($1.source, $1.metric, $1.user) }
            return RatesSnapshot(time: now, series: series, latest: latest, totals: state.totals, rejections: state.rejections)
        }
    }
}
