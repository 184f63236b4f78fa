import AureusCore
import AureusProtocol
import Logging
import Synchronization

/// The state of this instance's dependencies (store, Redis): set by whoever notices a change,
/// read by `server.status`, pushed on the `status` topic, and logged once per transition, so
/// an operator sees *which* dependency is degraded instead of guessing from stalled numbers.
final class DependencyBoard: Sendable {
    static let store = "store"
    static let redis = "redis"

    /// This process's id: random per start, short enough to read on a status line.
    let instance: String
    private let clock: any WallClock
    private let bus: EventBus
    private let logger: Logger
    private let metrics: ServerMetrics
    private let states: Mutex<[DependencyStatus]>

    init(instance: String, redisConfigured: Bool, bus: EventBus, clock: any WallClock, metrics: ServerMetrics, logger: Logger) {
        self.instance = instance
        self.metrics = metrics
        self.clock = clock
        self.bus = bus
        self.logger = logger
        let now = clock.now()
        states = Mutex([
            DependencyStatus(name: Self.store, state: .up, since: now),
            // Degraded until the relay's subscription stands: events would not cross before that.
            redisConfigured
                ? DependencyStatus(name: Self.redis, state: .degraded, detail: "connecting", since: now)
                : DependencyStatus(name: Self.redis, state: .off, since: now),
        ])
        for dependency in status.dependencies { metrics.dependency(dependency.name, state: dependency.state) }
    }

    var status: ServerStatus { ServerStatus(instance: instance, dependencies: states.withLock { $0 }) }

    /// Records `name`'s state; publishes and logs only when the state or its detail changed.
    func set(_ name: String, _ state: DependencyState, detail: String? = nil) {
        let now = clock.now()
        let changed: (from: DependencyState, snapshot: ServerStatus)? = states.withLock { states in
            guard let index = states.firstIndex(where: { $0.name == name }) else { return nil }
            let old = states[index]
            guard old.state != state || old.detail != detail else { return nil }
            states[index] = DependencyStatus(name: name, state: state, detail: detail, since: old.state == state ? old.since : now)
            return (old.state, ServerStatus(instance: instance, dependencies: states))
        }
        guard let changed else { return }
        metrics.dependency(name, state: state)
        if changed.from != state {
            let metadata: Logger.Metadata = [
                "aureus.dependency": "\(name)", "aureus.state": "\(state.rawValue)", "aureus.detail": "\(detail ?? "-")",
            ]
            if state == .up {
                logger.notice("dependency recovered", metadata: metadata)
            } else {
                logger.warning("dependency impaired", metadata: metadata)
            }
        }
        guard let json = try? JSONCoding.encode(changed.snapshot) else { return }
        bus.deliver(topic: Topic.status.rawValue, dataJSON: json)
    }

    func state(of name: String) -> DependencyState? { states.withLock { $0.first { $0.name == name }?.state } }
}
