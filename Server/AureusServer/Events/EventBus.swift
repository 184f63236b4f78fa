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
    }

    private let subscribers = Mutex<[UInt64: Subscriber]>([:])
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
        let frame = RPCMessage.event(topic: topic, dataJSON: dataJSON)
        let targets = subscribers.withLock { state in state.values.filter { $0.topics.contains(topic) }.map(\.continuation) }
        for continuation in targets { continuation.yield(frame) }
    }

    var connectionCount: Int { subscribers.withLock { $0.count } }
}
