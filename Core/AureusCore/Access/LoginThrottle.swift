import AureusProtocol

/// Failed-login rate limiting as a value-type state machine: a fixed window per key
/// (a username or a client address), with a lock-out once `maxFailures` is reached.
///
/// The in-process adapter keeps one of these behind a `Mutex`; the Redis adapter implements
/// the same rule with `INCR` + `PEXPIRE` so several instances share the counts.
public struct LoginThrottle: Sendable {
    public struct Policy: Sendable, Hashable {
        public var maxFailures: Int
        public var windowMilliseconds: Int64
        public init(maxFailures: Int = 5, windowMilliseconds: Int64 = 60_000) {
            self.maxFailures = maxFailures
            self.windowMilliseconds = windowMilliseconds
        }
    }

    public enum Decision: Sendable, Hashable {
        case allowed
        /// Refused until the window ends.
        case limited(retryAfterMilliseconds: Int64)
    }

    private struct Window: Sendable {
        var start: Int64
        var failures: Int
    }

    public let policy: Policy
    private var windows: [String: Window] = [:]

    public init(policy: Policy = Policy()) { self.policy = policy }

    /// Whether an attempt for `key` may proceed at `now`.
    public mutating func check(_ key: String, now: Timestamp) -> Decision {
        guard let window = windows[key] else { return .allowed }
        let end = window.start + policy.windowMilliseconds
        if now.milliseconds >= end {
            windows[key] = nil
            return .allowed
        }
        return window.failures >= policy.maxFailures ? .limited(retryAfterMilliseconds: end - now.milliseconds) : .allowed
    }

    /// Records a failed attempt.
    public mutating func recordFailure(_ key: String, now: Timestamp) {
        if var window = windows[key], now.milliseconds < window.start + policy.windowMilliseconds {
            window.failures += 1
            windows[key] = window
        } else {
            windows[key] = Window(start: now.milliseconds, failures: 1)
        }
    }

    /// A successful login clears the user's count (not the address's).
    public mutating func recordSuccess(_ key: String) { windows[key] = nil }

    /// Drops finished windows so the table cannot grow without bound under a spray attack.
    public mutating func prune(now: Timestamp) {
        windows = windows.filter { now.milliseconds < $0.value.start + policy.windowMilliseconds }
    }

    public var trackedKeys: Int { windows.count }
}
