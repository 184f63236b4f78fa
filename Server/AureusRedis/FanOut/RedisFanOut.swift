import Logging

/// Live-topic fan-out between aureusd instances over Redis pub/sub: an event published by one
/// instance reaches the WebSocket subscribers of all of them.
///
/// Topic `t` travels on channel `<namespace>:topic:t` (namespace `aureus` by default). Pub/sub is fire-and-forget: a message sent while
/// an instance is disconnected is lost to it, which suits live views (they reload state on connect).
///
/// ```swift
/// let fanOut = RedisFanOut(connection: redis)
/// for await message in fanOut.subscribe(topics: ["audit", "approvals"]) {
///     broadcast(message.topic, message.payload)
/// }
/// ```
public final class RedisFanOut: Sendable {
    public typealias Message = (topic: String, payload: [UInt8])

    /// `<namespace>:topic:`, the start of every channel name.
    public let channelPrefix: String
    /// Messages a slow consumer may fall behind by before the oldest are dropped.
    public static let bufferLimit = 1024

    private let connection: RedisConnection
    private let logger: Logger

    /// - Parameter connection: used for `PUBLISH`; each subscription opens its own connection
    ///   with the same configuration (a subscribed connection can do nothing else).
    public init(connection: RedisConnection, namespace: String = "aureus", logger: Logger = Logger(label: "aureus.redis")) {
        self.connection = connection
        self.channelPrefix = namespace + ":topic:"
        self.logger = logger
    }

    /// Publishes `payload` on `topic`.
    /// - Returns: How many subscriber connections received it (across all instances).
    @discardableResult
    public func publish(topic: String, payload: [UInt8]) async throws(RedisError) -> Int {
        let reply = try await connection.send(bytes: [Array("PUBLISH".utf8), Array(channel(topic).utf8), payload])
        guard let receivers = reply.int64Value else { throw RedisError(.unexpectedReply, "PUBLISH returned \(reply)") }
        return Int(receivers)
    }

    /// Messages on `topics` from now on, until the consuming task stops iterating or is cancelled,
    /// which closes the subscriber connection. Drops in the Redis link are retried with backoff.
    ///
    /// - Parameter link: told `nil` each time the subscription is (re)established, and the error
    ///   each time the link drops or a reconnect fails, so the caller can show a degraded state.
    public func subscribe(topics: [String], link: @escaping @Sendable (RedisError?) -> Void = { _ in }) -> AsyncStream<Message> {
        let (stream, continuation) = AsyncStream.makeStream(of: Message.self, bufferingPolicy: .bufferingNewest(Self.bufferLimit))
        guard !topics.isEmpty else {
            continuation.finish()
            return stream
        }
        let prefix = channelPrefix
        let subscriber = RedisSubscriber(configuration: connection.configuration, channels: topics.map(channel), logger: logger)
        continuation.onTermination = { _ in subscriber.cancel() }
        subscriber.start(
            deliver: { channel, payload in
                guard channel.hasPrefix(prefix) else { return }
                continuation.yield((topic: String(channel.dropFirst(prefix.count)), payload: payload))
            },
            link: link,
            finish: { continuation.finish() }
        )
        return stream
    }

    func channel(_ topic: String) -> String { channelPrefix + topic }
}
