import AureusProtocol

/// The Ollama watcher's state machine: from the outcome of one poll, the state to show
/// (up / degraded / down with the reason), when to poll next, and whether to log.
///
/// While Ollama is down the wait doubles from the poll interval up to `maximumBackoff`, so a
/// machine without Ollama is not hammered; the first answer brings the normal interval back.
public struct OllamaHealth: Sendable, Hashable {
    /// What one poll saw.
    public enum Outcome: Sendable, Hashable {
        /// `/api/version` did not answer usefully (refused, timed out, dropped, not 200).
        case unreachable(reason: String)
        /// `/api/version` answered; `failures` names the other endpoints that did not.
        case answered(latencyMilliseconds: Double, failures: [String])
    }

    public struct Action: Sendable, Hashable {
        public var state: OllamaState
        public var reason: String?
        /// Wait before the next poll.
        public var nextPoll: Duration
        /// A line for the log when the state or reason changed.
        public var log: String?

        public init(state: OllamaState, reason: String?, nextPoll: Duration, log: String?) {
            self.state = state
            self.reason = reason
            self.nextPoll = nextPoll
            self.log = log
        }
    }

    public let pollInterval: Duration
    public let maximumBackoff: Duration
    /// Answers slower than this make the state degraded.
    public let slowThresholdMilliseconds: Double
    public private(set) var state = OllamaState.starting
    public private(set) var reason: String?
    private var backoff: Duration

    public init(pollInterval: Duration, maximumBackoff: Duration = .seconds(30), slowThresholdMilliseconds: Double = 1000) {
        self.pollInterval = pollInterval
        self.maximumBackoff = max(pollInterval, maximumBackoff)
        self.slowThresholdMilliseconds = slowThresholdMilliseconds
        self.backoff = pollInterval
    }

    public mutating func receive(_ outcome: Outcome) -> Action {
        let next: OllamaState
        let why: String?
        let wait: Duration
        switch outcome {
        case .unreachable(let text):
            next = .down
            why = text
            wait = backoff
            backoff = min(backoff * 2, maximumBackoff)
        case .answered(let latency, let failures):
            backoff = pollInterval
            wait = pollInterval
            if !failures.isEmpty {
                next = .degraded
                why = failures.joined(separator: "; ")
            } else if latency > slowThresholdMilliseconds {
                next = .degraded
                why = "slow: /api/version took \(Int(latency)) ms"
            } else {
                next = .up
                why = nil
            }
        }
        let changed = next != state || why != reason
        state = next
        reason = why
        let log = changed ? "ollama \(next.rawValue)" + (why.map { ": \($0)" } ?? "") : nil
        return Action(state: next, reason: why, nextPoll: wait, log: log)
    }
}
