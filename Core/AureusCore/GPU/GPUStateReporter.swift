import AureusProtocol

/// Decides what the GPU watcher logs: a line when the state or its reason changes, nothing
/// while it stays the same. A machine without a driver says "no NVIDIA driver" once at start,
/// not once a second.
public struct GPUStateReporter: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case none
        /// Log at notice level (fine again, or no driver: normal on a machine without a GPU).
        case notice(String)
        /// Log at warning level (a driver that stopped answering).
        case warning(String)
    }

    private var last: GPUState?
    private var lastReason: String?
    private var lastSource: String?

    public init() {}

    /// The watcher took a sample (or failed to).
    public mutating func receive(state: GPUState, reason: String?, source: String?) -> Action {
        guard state != last || reason != lastReason || source != lastSource else { return .none }
        last = state
        lastReason = reason
        lastSource = source
        switch state {
        case .starting: return .none
        case .ok: return .notice("GPU telemetry from \(source ?? "?")")
        case .noDriver: return .notice(reason ?? "no NVIDIA driver")
        case .error: return .warning("GPU telemetry failed: \(reason ?? "unknown error")")
        }
    }
}
