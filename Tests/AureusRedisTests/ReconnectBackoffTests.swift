import AureusRedis
import Testing

@Suite("ReconnectBackoff schedule")
struct ReconnectBackoffTests {
    @Test func doublesUpToTheCap() {
        var backoff = ReconnectBackoff(initial: .milliseconds(50), maximum: .milliseconds(300))
        let delays = (0..<6).map { _ in backoff.nextDelay() }
        #expect(delays == [.milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(300), .milliseconds(300), .milliseconds(300)])
    }

    @Test func resetStartsOver() {
        var backoff = ReconnectBackoff(initial: .milliseconds(10), maximum: .seconds(1))
        _ = backoff.nextDelay()
        _ = backoff.nextDelay()
        backoff.reset()
        #expect(backoff.nextDelay() == .milliseconds(10))
    }

    @Test func longOutageStaysAtTheCap() {
        var backoff = ReconnectBackoff(initial: .milliseconds(1), maximum: .seconds(2))
        for _ in 0..<10_000 { _ = backoff.nextDelay() }
        #expect(backoff.nextDelay() == .seconds(2))
    }
}
