import AureusCore
import AureusProtocol
import Logging
import Synchronization

/// ``LoginRateLimiting`` shared by every instance: the count for `key` lives in Redis at
/// `<namespace>:throttle:<key>` (the namespace keeps two deployments on one Redis apart), created by `INCR` with a `PEXPIRE` of the window on the first failure.
///
/// Redis' own clock ends the window (the key expires), so the `now` arguments only matter to the
/// fallback. Every failure and success is mirrored into an ``InProcessLoginRateLimiter``; when a
/// Redis call fails the answer comes from that mirror, so an outage neither locks everyone out
/// nor lets an attacker in unthrottled. The outage is logged once, and its end once.
public final class RedisLoginRateLimiter: LoginRateLimiting {
    /// `<namespace>:throttle:`.
    public let keyPrefix: String

    public let policy: LoginThrottle.Policy
    private let connection: RedisConnection
    private let fallback: InProcessLoginRateLimiter
    private let logger: Logger
    private let inOutage = Mutex(false)

    /// Increment and start the window in one step, so a crash between the two cannot leave a
    /// counter that never expires; a key found without a TTL gets one too.
    static let recordScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """

    /// Count and remaining window read atomically: `{count, pttl}` (pttl -2 when there is no key).
    static let checkScript = """
        local n = tonumber(redis.call('GET', KEYS[1]) or '0')
        return {n, redis.call('PTTL', KEYS[1])}
        """

    public init(
        connection: RedisConnection,
        namespace: String = "aureus",
        policy: LoginThrottle.Policy = LoginThrottle.Policy(),
        logger: Logger = Logger(label: "aureus.redis")
    ) {
        self.connection = connection
        self.keyPrefix = namespace + ":throttle:"
        self.policy = policy
        self.fallback = InProcessLoginRateLimiter(policy: policy)
        self.logger = logger
    }

    public func check(_ key: String, now: Timestamp) async -> LoginThrottle.Decision {
        do throws(RedisError) {
            let reply = try await connection.send(["EVAL", Self.checkScript, "1", redisKey(key)])
            guard let items = reply.arrayValue, items.count == 2, let count = items[0].int64Value, let ttl = items[1].int64Value else {
                throw RedisError(.unexpectedReply, "throttle check returned \(reply)")
            }
            redisAnswered()
            return count >= policy.maxFailures && ttl > 0 ? .limited(retryAfterMilliseconds: ttl) : .allowed
        } catch {
            redisFailed(error)
            return fallback.check(key, now: now)
        }
    }

    public func recordFailure(_ key: String, now: Timestamp) async {
        fallback.recordFailure(key, now: now)
        do throws(RedisError) {
            try await connection.send(["EVAL", Self.recordScript, "1", redisKey(key), String(policy.windowMilliseconds)])
            redisAnswered()
        } catch {
            redisFailed(error)
        }
    }

    public func recordSuccess(_ key: String) async {
        fallback.recordSuccess(key)
        do throws(RedisError) {
            try await connection.send(["DEL", redisKey(key)])
            redisAnswered()
        } catch {
            redisFailed(error)
        }
    }

    func redisKey(_ key: String) -> String { keyPrefix + key }

    private func redisFailed(_ error: RedisError) {
        let first = inOutage.withLock { outage in
            defer { outage = true }
            return !outage
        }
        if first {
            logger.error(
                "redis unavailable for login throttling; using in-process counts until it answers",
                metadata: ["aureus.error": "\(error)"]
            )
        }
    }

    private func redisAnswered() {
        let recovered = inOutage.withLock { outage in
            defer { outage = false }
            return outage
        }
        if recovered { logger.notice("redis answers again; login throttling is shared across instances") }
    }
}
