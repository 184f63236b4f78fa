import AureusCore
import AureusProtocol
import Testing

/// The failed-login state machine, driven with explicit times (no clock, no sleeping).
@Suite struct LoginThrottleTests {
    let policy = LoginThrottle.Policy(maxFailures: 3, windowMilliseconds: 10_000)
    let start = Timestamp(milliseconds: 1_000_000)

    func at(_ offset: Int64) -> Timestamp { start.adding(milliseconds: offset) }

    @Test func defaultPolicy() {
        #expect(LoginThrottle.Policy() == LoginThrottle.Policy(maxFailures: 5, windowMilliseconds: 60_000))
    }

    @Test func unknownKeyIsAllowed() {
        var throttle = LoginThrottle(policy: policy)
        #expect(throttle.check("user:alice", now: start) == .allowed)
        #expect(throttle.trackedKeys == 0)
    }

    @Test func allowedUntilMaxFailuresThenLimited() {
        var throttle = LoginThrottle(policy: policy)
        for attempt in 0..<policy.maxFailures {
            #expect(throttle.check("user:alice", now: at(Int64(attempt) * 100)) == .allowed, "attempt \(attempt)")
            throttle.recordFailure("user:alice", now: at(Int64(attempt) * 100))
        }
        // The window started at the first failure, so it ends at start + 10 s.
        #expect(throttle.check("user:alice", now: at(300)) == .limited(retryAfterMilliseconds: 9_700))
        #expect(throttle.check("user:alice", now: at(9_999)) == .limited(retryAfterMilliseconds: 1))
    }

    @Test func windowExpiryAllowsAgainAndForgets() {
        var throttle = LoginThrottle(policy: policy)
        for _ in 0..<3 { throttle.recordFailure("k", now: start) }
        #expect(throttle.check("k", now: at(10_000)) == .allowed)
        #expect(throttle.trackedKeys == 0)
        // A fresh window: two more failures are not yet a lock-out.
        throttle.recordFailure("k", now: at(10_000))
        throttle.recordFailure("k", now: at(10_001))
        #expect(throttle.check("k", now: at(10_002)) == .allowed)
    }

    @Test func failuresAfterTheWindowStartANewWindow() {
        var throttle = LoginThrottle(policy: policy)
        throttle.recordFailure("k", now: start)
        throttle.recordFailure("k", now: at(5_000))
        throttle.recordFailure("k", now: at(10_500))  // Past the first window: count restarts at 1.
        #expect(throttle.check("k", now: at(10_600)) == .allowed)
        throttle.recordFailure("k", now: at(11_000))
        throttle.recordFailure("k", now: at(12_000))
        #expect(throttle.check("k", now: at(12_000)) == .limited(retryAfterMilliseconds: 8_500))
    }

    @Test func successResetsTheUserKeyOnly() {
        var throttle = LoginThrottle(policy: policy)
        for _ in 0..<3 {
            throttle.recordFailure("user:alice", now: start)
            throttle.recordFailure("addr:10.0.0.1", now: start)
        }
        throttle.recordSuccess("user:alice")
        #expect(throttle.check("user:alice", now: at(1)) == .allowed)
        #expect(throttle.check("addr:10.0.0.1", now: at(1)) == .limited(retryAfterMilliseconds: 9_999))
    }

    @Test func keysAreIndependent() {
        var throttle = LoginThrottle(policy: policy)
        for _ in 0..<3 { throttle.recordFailure("user:alice", now: start) }
        #expect(throttle.check("user:bob", now: start) == .allowed)
        #expect(throttle.check("user:Alice", now: start) == .allowed)  // Callers normalise case before keying.
    }

    @Test func pruneDropsOnlyFinishedWindows() {
        var throttle = LoginThrottle(policy: policy)
        throttle.recordFailure("old", now: start)
        throttle.recordFailure("new", now: at(6_000))
        #expect(throttle.trackedKeys == 2)
        throttle.prune(now: at(9_999))
        #expect(throttle.trackedKeys == 2)
        throttle.prune(now: at(10_000))
        #expect(throttle.trackedKeys == 1)
        for _ in 0..<2 { throttle.recordFailure("new", now: at(6_001)) }
        #expect(throttle.check("new", now: at(10_000)) == .limited(retryAfterMilliseconds: 6_000))
        throttle.prune(now: at(16_000))
        #expect(throttle.trackedKeys == 0)
    }

    @Test func sprayOfKeysIsBoundedByPrune() {
        var throttle = LoginThrottle(policy: policy)
        for index in 0..<1_000 { throttle.recordFailure("addr:\(index)", now: at(Int64(index))) }
        #expect(throttle.trackedKeys == 1_000)
        throttle.prune(now: at(10_500))
        #expect(throttle.trackedKeys == 499)
    }

    @Test func singleFailurePolicyLocksImmediately() {
        var throttle = LoginThrottle(policy: .init(maxFailures: 1, windowMilliseconds: 1_000))
        throttle.recordFailure("k", now: start)
        #expect(throttle.check("k", now: start) == .limited(retryAfterMilliseconds: 1_000))
    }
}
