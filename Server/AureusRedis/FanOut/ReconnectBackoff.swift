/// Exponential backoff between reconnect attempts, as a value type with no I/O so its schedule
/// can be tested without a clock: 50 ms, 100 ms, 200 ms ... capped at `maximum`, back to the start
/// once a connection works again.
public struct ReconnectBackoff: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration
    private var failures = 0

    public init(initial: Duration = .milliseconds(50), maximum: Duration = .seconds(2)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before the next attempt after one more failure.
    public mutating func nextDelay() -> Duration {
        defer { failures += 1 }
        // Stop doubling once past the cap, so a long outage cannot overflow.
        var delay = initial
        for _ in 0..<failures {
            delay *= 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }

    /// A connection succeeded: the next failure waits `initial` again.
    public mutating func reset() { failures = 0 }
}
