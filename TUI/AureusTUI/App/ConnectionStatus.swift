/// The connection as the status bar shows it; the executable sets it from the client's
/// reconnect state machine (`AppModel.apply(.connection(_:))`).
public enum ConnectionStatus: Hashable, Sendable {
    case connecting(attempt: Int)
    case connected(latencyMs: Int?)
    case reconnecting(inSeconds: Int)
    case disconnected(reason: String)

    public var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }

    /// "connected 12 ms", "reconnecting in 5s" …, sanitized (the reason may come from a socket).
    public var text: String {
        switch self {
        case .connecting(let attempt): attempt > 1 ? "connecting (attempt \(attempt))" : "connecting"
        case .connected(let latency?): "connected \(latency) ms"
        case .connected(nil): "connected"
        case .reconnecting(let seconds): "reconnecting in \(max(0, seconds))s"
        case .disconnected(let reason): "disconnected: " + Sanitizer.clean(reason)
        }
    }

    /// The role the status text is drawn in.
    public var role: ThemeRole {
        switch self {
        case .connected: .ok
        case .connecting, .reconnecting: .warn
        case .disconnected: .error
        }
    }

    /// A symbol that says the same thing without colour (for monochrome and colour blindness).
    public var symbol: String {
        switch self {
        case .connected: "●"
        case .connecting, .reconnecting: "◌"
        case .disconnected: "✕"
        }
    }
}
