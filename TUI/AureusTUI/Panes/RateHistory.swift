import AureusProtocol

/// Events per second for one rate series, one point per wall-clock second, newest last.
///
/// Why the pane keeps its own history: the server sends at most 300 seconds of `history`,
/// and a sparkline in a zoomed 200-column pane shows 2 samples per cell, so the client keeps
/// up to `capacity` points and keeps growing them from each snapshot.
///
/// Points are keyed by second. The server's 1 s rate and `history` describe complete seconds
/// only, so a snapshot at time T speaks for the second before T's. Snapshots arrive up to 4
/// times a second: one for a second already recorded replaces that point, a later one
/// appends, and seconds with no snapshot in between are zeros (the server pushes only when
/// something changed). When the server sends `history`, it is authoritative for the seconds it
/// covers and replaces what the client had there, which is also how a reconnect's
/// `rates.snapshot` heals the gap left while disconnected; older points are kept.
///
/// - Important: never more than `capacity` points; the oldest are dropped first.
public struct RateHistory: Hashable, Sendable {
    /// Points kept per series: enough for 2 samples per cell across a 300-column sparkline.
    public static let capacity = 600

    public private(set) var points: [Double] = []
    /// The second (epoch seconds) of the newest point: the last complete one the server reported.
    public private(set) var lastSecond: Int64?
    public let capacity: Int

    public init(capacity: Int = Self.capacity) { self.capacity = max(1, capacity) }

    /// Takes one snapshot of the series taken at `time`.
    public mutating func record(_ series: RateSeries, at time: Timestamp) {
        let second = Self.second(of: time) - 1
        if !series.history.isEmpty {
            merge(series.history.map { Double(max(0, $0)) }, endingAt: second)
        } else {
            record(rate: series.perSecond1s, at: second)
        }
    }

    /// Appends (or, in the same second, replaces) one rate.
    public mutating func record(rate: Double, at second: Int64) {
        let value = rate.isFinite ? max(0, rate) : 0
        guard let last = lastSecond, second >= last, second - last <= Int64(capacity) else {
            // First point, a clock that went backwards, or a gap longer than we keep: restart.
            points = [value]
            lastSecond = second
            return
        }
        if second == last {
            points[points.count - 1] = value
        } else {
            points.append(contentsOf: repeatElement(0, count: Int(second - last - 1)))
            points.append(value)
            lastSecond = second
        }
        trim()
    }

    /// Replaces the seconds `history` covers with its values, keeping older points.
    mutating func merge(_ history: [Double], endingAt second: Int64) {
        let first = second - Int64(history.count) + 1
        if let last = lastSecond, last >= first - 1 - Int64(capacity), last <= second {
            let keepUntil = min(last, first - 1)
            let keepCount = points.count - Int(last - keepUntil)
            var merged = Array(points.prefix(max(0, keepCount)))
            if keepUntil < first - 1 { merged.append(contentsOf: repeatElement(0, count: Int(first - 1 - keepUntil))) }
            points = merged + history
        } else {
            points = history
        }
        lastSecond = second
        trim()
    }

    /// The newest `count` points, padded on the left with nil (no data) to exactly `count`.
    public func suffix(_ count: Int) -> [Double?] {
        guard count > 0 else { return [] }
        let tail = points.suffix(count).map { Optional($0) }
        return [Double?](repeating: nil, count: count - tail.count) + tail
    }

    private mutating func trim() {
        if points.count > capacity { points.removeFirst(points.count - capacity) }
    }

    static func second(of time: Timestamp) -> Int64 {
        let ms = time.milliseconds
        return ms >= 0 ? ms / 1000 : (ms - 999) / 1000
    }
}
