import AureusCore
import AureusProtocol
import Testing

/// The Ollama watcher's state machine: states, reasons, backoff and when to log.
@Suite struct OllamaHealthTests {
    @Test func upDegradedDownAndBack() {
        var health = OllamaHealth(pollInterval: .seconds(2), maximumBackoff: .seconds(10))
        let up = health.receive(.answered(latencyMilliseconds: 3, failures: []))
        #expect(up == OllamaHealth.Action(state: .up, reason: nil, nextPoll: .seconds(2), log: "ollama up"))
        #expect(health.receive(.answered(latencyMilliseconds: 4, failures: [])).log == nil, "no log while nothing changes")

        let degraded = health.receive(.answered(latencyMilliseconds: 3, failures: ["/api/ps HTTP 500: boom"]))
        #expect(degraded.state == .degraded && degraded.reason == "/api/ps HTTP 500: boom" && degraded.nextPoll == .seconds(2))
        #expect(health.receive(.answered(latencyMilliseconds: 1500, failures: [])).reason == "slow: /api/version took 1500 ms")

        let delays = (0..<5).map { _ in health.receive(.unreachable(reason: "connection refused")).nextPoll }
        #expect(delays == [.seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        #expect(health.state == .down && health.reason == "connection refused")

        let back = health.receive(.answered(latencyMilliseconds: 2, failures: []))
        #expect(back.state == .up && back.nextPoll == .seconds(2) && back.log == "ollama up")
        #expect(health.receive(.unreachable(reason: "timed out")).nextPoll == .seconds(2), "backoff starts over after an answer")
    }

    @Test func logsOnlyOnChange() {
        var health = OllamaHealth(pollInterval: .seconds(1))
        let logs = (0..<10).compactMap { _ in health.receive(.unreachable(reason: "connection refused")).log }
        #expect(logs == ["ollama down: connection refused"])
    }
}
