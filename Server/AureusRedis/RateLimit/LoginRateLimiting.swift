import AureusCore
import AureusProtocol

/// The seam between login handling and where failed-login counts live: in this process
/// (``InProcessLoginRateLimiter``) or shared by every instance through Redis (``RedisLoginRateLimiter``).
///
/// Both follow ``LoginThrottle``'s rule: at most `maxFailures` failures per key in a fixed window
/// that starts at the first failure; the key is a username or a client address.
public protocol LoginRateLimiting: Sendable {
    /// Whether an attempt for `key` may proceed at `now`.
    func check(_ key: String, now: Timestamp) async -> LoginThrottle.Decision
    /// Counts a failed attempt.
    func recordFailure(_ key: String, now: Timestamp) async
    /// Clears the count after a successful login.
    func recordSuccess(_ key: String) async
}
