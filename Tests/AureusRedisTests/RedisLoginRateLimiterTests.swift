import AureusCore
import AureusProtocol
import AureusRedis
import Testing

@Suite("RedisLoginRateLimiter against a real redis-server", .serialized, .enabled(if: RedisTestServer.isEnabled))
struct RedisLoginRateLimiterTests {
    // Long enough that a loaded CI machine cannot expire the window between the failures and
    // the check; `windowExpires` polls with a bounded deadline instead of sleeping.
    let policy = LoginThrottle.Policy(maxFailures: 3, windowMilliseconds: 1_500)
    let now = Timestamp(milliseconds: 1_700_000_000_000)

    private func limiter(_ policy: LoginThrottle.Policy) throws -> RedisLoginRateLimiter {
        RedisLoginRateLimiter(connection: try RedisTestServer.connection(), policy: policy, logger: RedisTestServer.logger)
    }

    @Test func countsAreSharedBetweenInstances() async throws {
        let policy = LoginThrottle.Policy(maxFailures: 3, windowMilliseconds: 60_000)
        let first = try limiter(policy)
        let second = try limiter(policy)
        let key = RedisTestServer.uniqueName("shared")

        await first.recordFailure(key, now: now)
        await second.recordFailure(key, now: now)
        #expect(await first.check(key, now: now) == .allowed)
        #expect(await second.check(key, now: now) == .allowed)

        await first.recordFailure(key, now: now)
        guard case .limited(let retryAfter) = await second.check(key, now: now) else {
            Issue.record("the third failure, recorded on another instance, must limit this one")
            return
        }
        #expect(retryAfter > 0 && retryAfter <= 60_000)
        #expect(await first.check(key, now: now) != .allowed)

        // The Redis key is where the task says, with a TTL no longer than the window.
        let redis = try RedisTestServer.connection()
        #expect(try await redis.send(["GET", "aureus:throttle:" + key]).int64Value == 3)
        let ttl = try #require(try await redis.send(["PTTL", "aureus:throttle:" + key]).int64Value)
        #expect(ttl > 0 && ttl <= 60_000)

        await second.recordSuccess(key)
        #expect(await first.check(key, now: now) == .allowed)
        #expect(try await redis.send(["EXISTS", "aureus:throttle:" + key]) == .integer(0))
    }

    @Test func namespacesKeepDeploymentsApart() async throws {
        let policy = LoginThrottle.Policy(maxFailures: 2, windowMilliseconds: 60_000)
        let staging = RedisLoginRateLimiter(
            connection: try RedisTestServer.connection(),
            namespace: "staging",
            policy: policy,
            logger: RedisTestServer.logger
        )
        let production = RedisLoginRateLimiter(connection: try RedisTestServer.connection(), policy: policy, logger: RedisTestServer.logger)
        let key = RedisTestServer.uniqueName("namespaced")
        for _ in 0..<policy.maxFailures { await staging.recordFailure(key, now: now) }
        #expect(await staging.check(key, now: now) != .allowed)
        #expect(await production.check(key, now: now) == .allowed)
        let redis = try RedisTestServer.connection()
        #expect(try await redis.send(["GET", "staging:throttle:" + key]).int64Value == 2)
        #expect(try await redis.send(["EXISTS", "aureus:throttle:" + key]) == .integer(0))
        await staging.recordSuccess(key)
    }

    @Test func otherKeysAreNotAffected() async throws {
        let limiter = try limiter(LoginThrottle.Policy(maxFailures: 3, windowMilliseconds: 60_000))
        let key = RedisTestServer.uniqueName("noisy")
        for _ in 0..<policy.maxFailures { await limiter.recordFailure(key, now: now) }
        #expect(await limiter.check(key, now: now) != .allowed)
        #expect(await limiter.check(RedisTestServer.uniqueName("quiet"), now: now) == .allowed)
        await limiter.recordSuccess(key)
    }

    @Test func windowExpires() async throws {
        let limiter = try limiter(policy)
        let key = RedisTestServer.uniqueName("expiry")
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<policy.maxFailures { await limiter.recordFailure(key, now: now) }
        guard case .limited(let retryAfter) = await limiter.check(key, now: now) else {
            Issue.record("expected the key to be limited right after \(policy.maxFailures) failures")
            return
        }
        #expect(retryAfter <= policy.windowMilliseconds)

        // Redis expires the key on its own clock; poll with a bound instead of sleeping a guess.
        let expired = try await eventually(timeout: .seconds(10)) { await limiter.check(key, now: now) == .allowed }
        #expect(expired)
        #expect(clock.now - start >= .milliseconds(1_400))
    }

    @Test func fallsBackToInProcessCountsWhenRedisIsUnreachable() async throws {
        let unreachable = RedisConnection(configuration: try RedisTestServer.closedPortConfiguration(), logger: RedisTestServer.logger)
        let limiter = RedisLoginRateLimiter(connection: unreachable, policy: policy, logger: RedisTestServer.logger)
        let key = "alice"

        // Not everyone locked out ...
        #expect(await limiter.check(key, now: now) == .allowed)
        // ... and not everyone let in: failures still count, locally.
        for _ in 0..<policy.maxFailures { await limiter.recordFailure(key, now: now) }
        #expect(await limiter.check(key, now: now) == .limited(retryAfterMilliseconds: policy.windowMilliseconds))
        #expect(await limiter.check("bob", now: now) == .allowed)
        #expect(await limiter.check(key, now: now.adding(milliseconds: policy.windowMilliseconds)) == .allowed)

        for _ in 0..<policy.maxFailures { await limiter.recordFailure(key, now: now) }
        await limiter.recordSuccess(key)
        #expect(await limiter.check(key, now: now) == .allowed)
    }
}

@Suite("InProcessLoginRateLimiter")
struct InProcessLoginRateLimiterTests {
    @Test func followsTheThrottleRule() {
        let limiter = InProcessLoginRateLimiter(policy: LoginThrottle.Policy(maxFailures: 2, windowMilliseconds: 1_000))
        let start = Timestamp(milliseconds: 10_000)
        limiter.recordFailure("carol", now: start)
        #expect(limiter.check("carol", now: start) == .allowed)
        limiter.recordFailure("carol", now: start.adding(milliseconds: 100))
        #expect(limiter.check("carol", now: start.adding(milliseconds: 400)) == .limited(retryAfterMilliseconds: 600))
        #expect(limiter.check("carol", now: start.adding(milliseconds: 1_000)) == .allowed)
        limiter.recordFailure("dave", now: start)
        limiter.recordSuccess("dave")
        #expect(limiter.trackedKeys == 0)
    }

    @Test func prunesFinishedWindowsPastTheThreshold() {
        let limiter = InProcessLoginRateLimiter(policy: LoginThrottle.Policy(maxFailures: 5, windowMilliseconds: 1_000))
        let start = Timestamp(milliseconds: 0)
        for index in 0..<InProcessLoginRateLimiter.pruneThreshold {
            limiter.recordFailure("spray-\(index)", now: start)
        }
        #expect(limiter.trackedKeys == InProcessLoginRateLimiter.pruneThreshold)
        limiter.recordFailure("late", now: start.adding(milliseconds: 5_000))
        #expect(limiter.trackedKeys == 1)
    }
}
