import Logging
import NIOPosix
import Synchronization

/// A Redis connection that async code can share: commands run on a `NIOThreadPool` so no
/// caller's task ever blocks, and one `Mutex` serialises use of the underlying hiredis context.
///
/// The connection is opened lazily on the first command. After a connection error the broken
/// context is dropped and the *next* command reconnects (with `AUTH`/`SELECT`); the failing
/// command itself is not retried, because Redis may have executed it (think `INCR`).
///
/// ```swift
/// let redis = try RedisConnection(url: "redis://127.0.0.1:6379")
/// try await redis.send(["SET", "greeting", "hello"])
/// let value = try await redis.send(["GET", "greeting"]).stringValue
/// ```
///
/// - Important: Commands from concurrent tasks queue on the mutex, holding a pool thread each
///   while they wait; use one connection per worker (or several) for parallelism.
public final class RedisConnection: Sendable {
    public let configuration: RedisConfiguration
    private let threadPool: NIOThreadPool
    private let logger: Logger
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var context: HiredisContext?
        /// Set when a connection broke, so the reconnect that follows is logged once.
        var lostConnection = false
    }

    public init(
        configuration: RedisConfiguration,
        threadPool: NIOThreadPool = .singleton,
        logger: Logger = Logger(label: "aureus.redis")
    ) {
        self.configuration = configuration
        self.threadPool = threadPool
        self.logger = logger
    }

    /// - Throws: ``RedisError/Code/invalidURL`` when `url` does not parse.
    public convenience init(
        url: String,
        threadPool: NIOThreadPool = .singleton,
        logger: Logger = Logger(label: "aureus.redis")
    ) throws(RedisError) {
        self.init(configuration: try RedisConfiguration(url: url), threadPool: threadPool, logger: logger)
    }

    /// Sends a command given as text arguments, e.g. `["INCR", key]`.
    /// - Returns: The reply; `.null` for a missing value.
    /// - Throws: ``RedisError`` with `.errorReply` for a top-level error reply, a connection code on I/O failure.
    @discardableResult
    public func send(_ arguments: [String]) async throws(RedisError) -> RedisValue {
        try await send(bytes: arguments.map { Array($0.utf8) })
    }

    /// Sends a command given as binary-safe byte arguments.
    @discardableResult
    public func send(bytes arguments: [[UInt8]]) async throws(RedisError) -> RedisValue {
        let value = try await pipeline([arguments])[0]
        if case .error(let message) = value { throw RedisError(.errorReply, message) }
        return value
    }

    /// Sends several commands in one round trip and returns their replies in order. An error
    /// reply stays ``RedisValue/error(_:)`` in its slot (the others still count); a connection
    /// failure throws for the lot.
    public func pipeline(_ commands: [[[UInt8]]]) async throws(RedisError) -> [RedisValue] {
        let result: Result<[RedisValue], RedisError>
        do {
            result = try await threadPool.runIfActive { self.perform(commands) }
        } catch is CancellationError {
            throw RedisError(.cancelled, "task cancelled before the command ran")
        } catch {
            throw RedisError(.shutdown, "thread pool is not running: \(error)")
        }
        return try result.get()
    }

    /// Connects now (instead of on the first command) and checks the server answers `PING`,
    /// so a misconfiguration shows at startup.
    public func connect() async throws(RedisError) {
        try await send(["PING"])
    }

    /// Closes the socket; a later command opens a new one.
    public func close() async {
        _ = try? await threadPool.runIfActive { self.state.withLock { $0.context = nil } }
    }

    /// Runs on a pool thread: the only place the context is touched.
    private func perform(_ commands: [[[UInt8]]]) -> Result<[RedisValue], RedisError> {
        state.withLock { state in
            do throws(RedisError) {
                let context: HiredisContext
                if let open = state.context {
                    context = open
                } else {
                    context = try HiredisContext.open(configuration)
                    state.context = context
                    if state.lostConnection {
                        state.lostConnection = false
                        logger.info("redis reconnected", metadata: ["aureus.redis": "\(configuration)"])
                    }
                }
                return .success(try context.pipeline(commands))
            } catch {
                if error.isConnectionError {
                    if state.context != nil || !state.lostConnection {
                        logger.warning("redis connection lost", metadata: ["aureus.redis": "\(configuration)", "aureus.error": "\(error)"])
                    }
                    state.context = nil
                    state.lostConnection = true
                }
                return .failure(error)
            }
        }
    }
}
