import AureusCore
import AureusProtocol
import Foundation
import Glibc

/// The real wall clock (the system time), read once per call.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Timestamp {
        // The wall clock, read at the edge (this is the adapter, not logic).
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
