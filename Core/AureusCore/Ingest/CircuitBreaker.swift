/// A circuit breaker around the store, as a value-type state machine.
///
/// Closed: calls go through; `failureThreshold` consecutive failures open it. Open: calls are
/// refused at once until `openMilliseconds` pass. Half-open: one probe goes through; success
/// closes the breaker, failure opens it again. Refused calls let ingestion answer 503 with
/// `Retry-After` instead of piling work onto a database that is down.
public struct CircuitBreaker: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case closed(consecutiveFailures: Int)
        case open(until: Int64)
        case halfOpen(probeInFlight: Bool)
    }

    public enum Decision: Sendable, Hashable {
        case proceed
        /// Refused; try again after this many milliseconds.
        case reject(retryAfterMilliseconds: Int64)
    }

    public let failureThreshold: Int
    public let openMilliseconds: Int64
    public private(set) var state: State = .closed(consecutiveFailures: 0)

    public init(failureThreshold: Int = 5, openMilliseconds: Int64 = 2_000) {
        self.failureThreshold = max(1, failureThreshold)
        self.openMilliseconds = max(1, openMilliseconds)
    }

    public var isOpen: Bool {
        if case .open = state { return true }
        return false
    }

    /// Asks whether a call may go to the store now.
    public mutating func request(now: Int64) -> Decision {
        switch state {
        case .closed:
            return .proceed
        case .open(let until):
            guard now >= until else { return .reject(retryAfterMilliseconds: until - now) }
            state = .halfOpen(probeInFlight: true)
            return .proceed
        case .halfOpen(let probeInFlight):
            if probeInFlight { return .reject(retryAfterMilliseconds: openMilliseconds) }
            state = .halfOpen(probeInFlight: true)
            return .proceed
        }
    }

    public mutating func recordSuccess() { state = .closed(consecutiveFailures: 0) }

    public mutating func recordFailure(now: Int64) {
        switch state {
        case .closed(let failures):
            state = failures + 1 >= failureThreshold ? .open(until: now + openMilliseconds) : .closed(consecutiveFailures: failures + 1)
        case .open, .halfOpen:
            state = .open(until: now + openMilliseconds)
        }
    }
}
