/// Event counts per whole second over the last `capacity` seconds: a ring of buckets that
/// rolls forward as time passes, so rates over 1 s, 10 s and 60 s are sums of buckets and
/// recording an event is O(1) with no allocation.
public struct RateWindow: Sendable, Hashable {
    public let capacity: Int
    private var buckets: [Int]
    /// The second (epoch seconds) the newest bucket counts.
    private var newestSecond: Int64
    public private(set) var total: Int64 = 0

    public init(capacity: Int = 300, now second: Int64) {
        self.capacity = max(2, capacity)
        self.buckets = Array(repeating: 0, count: max(2, capacity))
        self.newestSecond = second
    }

    private func index(of second: Int64) -> Int { Int(((second % Int64(capacity)) + Int64(capacity)) % Int64(capacity)) }

    /// Moves the window so `second` is the newest bucket, zeroing the seconds skipped.
    public mutating func advance(to second: Int64) {
        guard second > newestSecond else { return }
        let steps = min(Int64(capacity), second - newestSecond)
        for offset in 1...steps { buckets[index(of: newestSecond + offset)] = 0 }
        newestSecond = second
    }

    /// Counts `count` events at `second`. Events older than the window are dropped from the
    /// rate but still counted in `total`.
    public mutating func record(_ count: Int = 1, at second: Int64) {
        advance(to: second)
        total += Int64(count)
        guard second > newestSecond - Int64(capacity) else { return }
        buckets[index(of: second)] += count
    }

    /// Events per second over the last `seconds` complete seconds before `now` (the current,
    /// still-filling second is excluded so a rate does not dip at every second boundary).
    public mutating func rate(overLast seconds: Int, now: Int64) -> Double {
        advance(to: now)
        let span = min(seconds, capacity - 1)
        guard span > 0 else { return 0 }
        var sum = 0
        for back in 1...span { sum += buckets[index(of: now - Int64(back))] }
        return Double(sum) / Double(span)
    }

    /// Per-second counts, oldest first, for the last `seconds` complete seconds.
    public mutating func history(seconds: Int, now: Int64) -> [Int] {
        advance(to: now)
        let span = min(seconds, capacity - 1)
        guard span > 0 else { return [] }
        return (1...span).reversed().map { buckets[index(of: now - Int64($0))] }
    }
}
