import AureusProtocol
import Testing

@testable import AureusTUI

/// Rates data for the rates pane tests: three series whose sparklines can be worked out by
/// hand (a constant, a 10-20-30-40 staircase, a single point) and non-zero rejections.
enum RatesFixtures {
    /// 2026-11-21T21:00:00Z, the time `Fixtures.connectedModel` shows.
    static let time = Timestamp(milliseconds: 1_795_294_800_000)

    static func series(
        _ source: String,
        _ kind: String,
        _ metric: String,
        rates: (Double, Double, Double),
        total: Int64,
        history: [Int] = []
    ) -> RateSeries {
        RateSeries(
            source: source,
            kind: kind,
            metric: metric,
            perSecond1s: rates.0,
            perSecond10s: rates.1,
            perSecond60s: rates.2,
            total: total,
            history: history
        )
    }

    /// oura-prod (busiest, constant history), bridge-ios (staircase), terra (no history, largest
    /// total), so the rate, name and total orders all differ.
    static func snapshot(at time: Timestamp = time, series: [RateSeries]? = nil) -> RatesSnapshot {
        RatesSnapshot(
            time: time,
            series: series ?? [
                Self.series("bridge-ios", "healthkit", "steps", rates: (42, 40.2, 38.7), total: 56_789, history: staircase(120)),
                Self.series("terra", "terra", "notification", rates: (0.5, 0.3, 0.02), total: 2_000_000),
                Self.series(
                    "oura-prod",
                    "oura",
                    "heart_rate",
                    rates: (1234, 1180.5, 950),
                    total: 1_234_567,
                    history: Array(repeating: 1200, count: 300)
                ),
            ],
            latest: [
                latest("oura-prod", "heart_rate", user: "u-7c1e09", 72.5, "bpm", time.adding(milliseconds: -1500)),
                latest("oura-prod", "heart_rate", user: "u-3f9a1c", 64, "bpm", time.adding(milliseconds: -800)),
                latest("bridge-ios", "steps", user: "u-3f9a1c", 8042, "count", time),
            ],
            totals: IngestTotals(accepted: 1_291_373, stored: 1_190_002, samples: 5_000_123),
            rejections: RejectionCounters(authFailures: 3, duplicates: 13, overload: 0, malformed: 2, tooLarge: 0, unknownSource: 0)
        )
    }

    static func latest(_ source: String, _ metric: String, user: String, _ value: Double, _ unit: String, _ time: Timestamp) -> LatestValue {
        LatestValue(source: source, metric: metric, user: user, value: value, unit: unit, time: time)
    }

    /// 10, 20, 30, 40, 10, 20, … (`count` values): in braille "⣠⣾" per four seconds.
    static func staircase(_ count: Int) -> [Int] { (0..<count).map { ($0 % 4 + 1) * 10 } }

    static func empty(at time: Timestamp = time) -> RatesSnapshot {
        RatesSnapshot(time: time, series: [], latest: [], totals: IngestTotals(accepted: 0, stored: 0, samples: 0), rejections: RejectionCounters())
    }

    /// A connected model (audit focused, no audit events) that received `snapshot` as the
    /// answer to `rates.snapshot`.
    static func model(_ snapshot: RatesSnapshot = snapshot(), size: TerminalSize = TerminalSize(width: 80, height: 24)) throws -> AppModel {
        var model = try Fixtures.connectedModel(events: 0, size: size)
        model.apply(.rpcResult(method: "rates.snapshot", params: .object([:]), result: try JSONValue(encoding: snapshot)))
        return model
    }
}
