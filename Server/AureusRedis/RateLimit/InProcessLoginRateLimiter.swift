import AureusCore
import AureusProtocol
import Synchronization

/// ``LoginRateLimiting`` for a single instance: a ``LoginThrottle`` behind a `Mutex`.
///
/// Also the fallback of ``RedisLoginRateLimiter`` while Redis is unreachable.
public final class InProcessLoginRateLimiter: LoginRateLimiting {
    /// Past this many tracked keys a failure first drops finished windows, so a spray of
    /// distinct usernames cannot grow the table without bound.
    public static let pruneThreshold = 10_000

    public let policy: LoginThrottle.Policy
    private let throttle: Mutex<LoginThrottle>

    public init(policy: LoginThrottle.Policy = LoginThrottle.Policy()) {
        self.policy = policy
        self.throttle = Mutex(LoginThrottle(policy: policy))
    }

    public func check(_ key: String, now: Timestamp) -> LoginThrottle.Decision {
        throttle.withLock { $0.check(key, now: now) }
    }

    public func recordFailure(_ key: String, now: Timestamp) {
        throttle.withLock { throttle in
            if throttle.trackedKeys >= Self.pruneThreshold { throttle.prune(now: now) }
            throttle.recordFailure(key, now: now)
        }
    }

    public func recordSuccess(_ key: String) {
        throttle.withLock { $0.recordSuccess(key) }
    }

    /// How many keys currently have a window (for metrics and tests).
    public var trackedKeys: Int { throttle.withLock { $0.trackedKeys } }
}
