import AureusProtocol
import Synchronization

/// Wall-clock time as a seam: logic asks this instead of reading the system clock, so
/// tests can move time (session expiry, throttle windows) without sleeping.
public protocol WallClock: Sendable {
    func now() -> Timestamp
}

/// A clock that tests set by hand.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp) { current = Mutex(start) }

    public func now() -> Timestamp { current.withLock { $0 } }

    public func advance(milliseconds: Int64) { current.withLock { $0 = $0.adding(milliseconds: milliseconds) } }
}
