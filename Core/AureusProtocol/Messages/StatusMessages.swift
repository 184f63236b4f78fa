/// The `status` topic and `server.status` result: the instance a client is connected to and
/// the state of each dependency it leans on, so the TUI can say which one is degraded
/// instead of leaving an operator to guess why the numbers stopped.
public struct ServerStatus: Codable, Sendable, Hashable {
    /// This instance's id (random per process), to tell instances apart behind one address.
    public var instance: String
    public var dependencies: [DependencyStatus]

    public init(instance: String, dependencies: [DependencyStatus]) {
        self.instance = instance
        self.dependencies = dependencies
    }

    /// The dependencies that are not up (and not merely unconfigured), in reporting order.
    public var impaired: [DependencyStatus] { dependencies.filter { $0.state == .degraded || $0.state == .down } }
}

/// One dependency's state as this instance sees it.
public struct DependencyStatus: Codable, Sendable, Hashable {
    /// `store`, `redis`.
    public var name: String
    public var state: DependencyState
    /// What the state means for the user, in words ("circuit open: writes refused with 503").
    public var detail: String?
    /// When the dependency entered this state.
    public var since: Timestamp

    public init(name: String, state: DependencyState, detail: String? = nil, since: Timestamp) {
        self.name = name
        self.state = state
        self.detail = detail
        self.since = since
    }
}

public enum DependencyState: String, Codable, Sendable, Hashable {
    case up
    /// Working around a failure: e.g. Redis down, so dedup falls back to the store and live
    /// events reach only this instance's clients.
    case degraded
    /// Unusable; the work that needs it is refused.
    case down
    /// Not configured (Redis without `--redis-url`).
    case off
}
