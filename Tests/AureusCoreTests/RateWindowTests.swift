import Testing

@testable import AureusCore

@Suite("RateWindow")
struct RateWindowTests {
    @Test func ratesCountCompleteSecondsOnly() {
        var window = RateWindow(capacity: 120, now: 1_000)
        for second in Int64(1_000)..<1_010 { window.record(4, at: second) }
        window.record(100, at: 1_010)  // the current, still-filling second
        #expect(window.rate(overLast: 1, now: 1_010) == 4)
        #expect(window.rate(overLast: 10, now: 1_010) == 4)
        #expect(window.rate(overLast: 60, now: 1_010) == Double(40) / 60)
        #expect(window.total == 140)
    }

    @Test func quietSecondsAreZeroedAsTimeMoves() {
        var window = RateWindow(capacity: 10, now: 0)
        window.record(5, at: 0)
        #expect(window.rate(overLast: 1, now: 1) == 5)
        #expect(window.rate(overLast: 1, now: 3) == 0)
        // Wrapping all the way round must not resurrect old buckets.
        #expect(window.history(seconds: 9, now: 25) == Array(repeating: 0, count: 9))
        #expect(window.total == 5)
    }

    @Test func historyIsOldestFirst() {
        var window = RateWindow(capacity: 10, now: 100)
        window.record(1, at: 100)
        window.record(2, at: 101)
        window.record(3, at: 102)
        #expect(window.history(seconds: 3, now: 103) == [1, 2, 3])
    }

    @Test func eventsOlderThanTheWindowCountOnlyInTheTotal() {
        var window = RateWindow(capacity: 5, now: 100)
        window.record(7, at: 90)
        #expect(window.total == 7)
        #expect(window.history(seconds: 4, now: 100).allSatisfy { $0 == 0 })
    }
}

@Suite("CircuitBreaker")
struct CircuitBreakerTests {
    @Test func opensAfterConsecutiveFailuresAndRecoversThroughAProbe() {
        var breaker = CircuitBreaker(failureThreshold: 3, openMilliseconds: 1_000)
        for now in Int64(0)..<2 {
            #expect(breaker.request(now: now) == .proceed)
            breaker.recordFailure(now: now)
        }
        #expect(!breaker.isOpen)
        breaker.recordFailure(now: 10)
        #expect(breaker.isOpen)
        #expect(breaker.request(now: 500) == .reject(retryAfterMilliseconds: 510))
        // Half-open: exactly one probe goes through.
        #expect(breaker.request(now: 1_010) == .proceed)
        #expect(breaker.request(now: 1_011) == .reject(retryAfterMilliseconds: 1_000))
        breaker.recordSuccess()
        #expect(breaker.state == .closed(consecutiveFailures: 0))
        #expect(breaker.request(now: 1_012) == .proceed)
    }

    @Test func aFailedProbeOpensAgain() {
        var breaker = CircuitBreaker(failureThreshold: 1, openMilliseconds: 100)
        breaker.recordFailure(now: 0)
        #expect(breaker.request(now: 100) == .proceed)
        breaker.recordFailure(now: 100)
        #expect(breaker.state == .open(until: 200))
    }

    @Test func aSuccessResetsTheFailureCount() {
        var breaker = CircuitBreaker(failureThreshold: 2, openMilliseconds: 100)
        breaker.recordFailure(now: 0)
        breaker.recordSuccess()
        breaker.recordFailure(now: 1)
        #expect(!breaker.isOpen)
    }
}
