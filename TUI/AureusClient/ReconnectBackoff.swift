/// Reconnect delays as a value-type state machine: exponential from `base` to `cap`, with
/// ±20 % jitter so a server restart is not met by every client at the same instant.
public struct ReconnectBackoff: Sendable {
    public let baseMilliseconds: Int
    public let capMilliseconds: Int
    public private(set) var attempt = 0

    public init(baseMilliseconds: Int = 250, capMilliseconds: Int = 10_000) {
        self.baseMilliseconds = baseMilliseconds
        self.capMilliseconds = capMilliseconds
    }

    /// The delay before the next attempt; each call counts one failed attempt.
    public mutating func nextDelay(jitter: Double = Double.random(in: -0.2...0.2)) -> Int {
        let exponent = min(attempt, 16)
        attempt += 1
        let raw = min(capMilliseconds, baseMilliseconds << exponent)
        return max(0, Int(Double(raw) * (1 + jitter)))
    }

    /// A successful connection starts the sequence again.
    public mutating func reset() { attempt = 0 }
}
