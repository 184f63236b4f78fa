import AureusCore
import AureusProtocol
import Synchronization

/// In-process fan-out of live topics to WebSocket connections.
///
/// Each event is encoded once and handed to every subscribed connection's bounded stream;
/// a connection that cannot keep up loses its oldest undelivered events rather than slowing
/// the publisher (operators want the newest state, not a backlog).
public final class EventBus: Sendable {
    /// A connection's event feed: already-encoded `event` notification frames.
    public typealias Feed = AsyncStream<[UInt8]>

    struct Subscriber {
        var topics: Set<String>
        let continuation: Feed.Continuation
        /// Spikes per second this connection can draw (`spikes.configure`).
        var spikeBudget = SpikesBudget.defaultPerSecond
    }

    /// Where events for other instances go (``ClusterRelay``); `nil` on a lone instance.
    typealias Relay = @Sendable (RelayedEvent) -> Void

    private let subscribers = Mutex<[UInt64: Subscriber]>([:])
    private let relay = Mutex<Relay?>(nil)
    private let nextID = Atomic<UInt64>(1)
    /// Per-connection buffer; beyond it the oldest events are dropped.
    let bufferLimit: Int

    public init(bufferLimit: Int = 1024) { self.bufferLimit = bufferLimit }

    /// Registers a connection; returns its id and feed. Call `unregister` when it closes.
    func register() -> (id: UInt64, feed: Feed) {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        let (feed, continuation) = Feed.makeStream(bufferingPolicy: .bufferingNewest(bufferLimit))
        subscribers.withLock { $0[id] = Subscriber(topics: [], continuation: continuation) }
        return (id, feed)
    }

    func unregister(_ id: UInt64) {
        let removed = subscribers.withLock { $0.removeValue(forKey: id) }
        removed?.continuation.finish()
    }

    /// Adds topics; returns the connection's full topic set.
    func subscribe(_ id: UInt64, topics: [String]) -> [String] {
        subscribers.withLock { state in
            state[id]?.topics.formUnion(topics)
            return state[id].map { $0.topics.sorted() } ?? []
        }
    }

    func unsubscribe(_ id: UInt64, topics: [String]) -> [String] {
        subscribers.withLock { state in
            state[id]?.topics.subtract(topics)
            return state[id].map { $0.topics.sorted() } ?? []
        }
    }

    /// Publishes `data` on `topic` to every subscriber of it.
    public func publish(topic: Topic, data: some Encodable) {
        guard let json = try? JSONCoding.encode(data) else { return }
        publish(topic: topic.rawValue, dataJSON: json)
    }

    func publish(topic: String, dataJSON: [UInt8]) {
        deliver(topic: topic, dataJSON: dataJSON)
        if RelayedEvent.relayedTopics.contains(topic), let relay = relay.withLock({ $0 }) {
            relay(.event(topic: topic, dataJSON: dataJSON))
        }
    }

    /// Starts handing events of cluster-wide topics to `relay` as well as to local connections.
    func attach(relay: @escaping Relay) { self.relay.withLock { $0 = relay } }

    /// Delivers an event to this instance's connections only: events from other instances,
    /// and instance-local topics.
    func deliver(topic: String, dataJSON: [UInt8]) {
        let frame = RPCMessage.event(topic: topic, dataJSON: dataJSON)
        let targets = subscribers.withLock { state in state.values.filter { $0.topics.contains(topic) }.map(\.continuation) }
        for continuation in targets { continuation.yield(frame) }
    }

    /// Sets a connection's spike display budget; returns the clamped value in force.
    func setSpikeBudget(_ id: UInt64, perSecond: Int) -> Int {
        let clamped = min(max(perSecond, SpikesBudget.range.lowerBound), SpikesBudget.range.upperBound)
        subscribers.withLock { $0[id]?.spikeBudget = clamped }
        return clamped
    }

    /// Publishes a spikes frame, thinned per connection to its budget. Connections with the
    /// same budget share one encoding, so the usual case (every TUI on the default) encodes
    /// the frame once; rates and `omitted` always reach everyone.
    ///
    /// - Parameters:
    ///   - wallSeconds: wall-clock time since the source's previous frame.
    ///   - streams: running sources sharing each connection's budget.
    public func publishSpikes(_ frame: SpikesFrame, wallSeconds: Double, streams: Int) {
        deliverSpikes(frame, wallSeconds: wallSeconds, streams: streams)
        if let relay = relay.withLock({ $0 }) { relay(.spikes(SpikesRelay(frame: frame, wallSeconds: wallSeconds, streams: streams))) }
    }

    /// Thins and delivers a spikes frame to this instance's connections only.
    func deliverSpikes(_ frame: SpikesFrame, wallSeconds: Double, streams: Int) {
        let topic = Topic.spikes.rawValue
        let targets = subscribers.withLock { state in
            state.values.filter { $0.topics.contains(topic) }.map { ($0.spikeBudget, $0.continuation) }
        }
        guard !targets.isEmpty else { return }
        var encoded: [Int: [UInt8]] = [:]
        for (budget, continuation) in targets {
            let allowed = SpikeDecimation.allowance(budgetPerSecond: budget, wallSeconds: wallSeconds, streams: streams)
            let key = min(allowed, frame.spikes.count)
            if encoded[key] == nil {
                guard let json = try? JSONCoding.encode(SpikeDecimation.frame(frame, allowed: key)) else { return }
                encoded[key] = RPCMessage.event(topic: topic, dataJSON: json)
            }
            if let bytes = encoded[key] { continuation.yield(bytes) }
        }
    }

    /// Whether any connection follows `topic` (publishers skip building frames nobody reads).
    func hasSubscribers(_ topic: Topic) -> Bool {
        subscribers.withLock { $0.values.contains { $0.topics.contains(topic.rawValue) } }
    }

    var connectionCount: Int { subscribers.withLock { $0.count } }
}
