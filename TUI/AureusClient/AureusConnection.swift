import AureusProtocol
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Synchronization

/// A self-healing JSON-RPC connection to `aureusd`.
///
/// `run()` connects, says hello (refusing an incompatible major version), re-subscribes to
/// the topics asked for so far, and on any drop waits with backoff and starts again, until
/// the calling task is cancelled. Calls made while disconnected fail at once with
/// `ClientError.notConnected` rather than queueing: the UI shows the state instead.
///
/// ```swift
/// let connection = AureusConnection(url: "ws://127.0.0.1:8889/v1/ws", token: cachedToken, logger: logger)
/// async let _ = connection.run()
/// for await event in connection.events { … }
/// ```
public final class AureusConnection: Sendable {
    public let url: String
    public let events: AsyncStream<ClientEvent>
    private let eventSink: AsyncStream<ClientEvent>.Continuation
    private let pending = PendingCalls()
    private let state = Mutex<Shared>(Shared())
    private let logger: Logger
    private let clientName: String

    struct Shared {
        var token: String?
        var topics: Set<String> = []
        var outbound: WebSocketOutboundWriter?
        var hello: HelloResult?
    }

    public init(url: String, token: String?, clientName: String = "aureus", logger: Logger) {
        self.url = url
        self.logger = logger
        self.clientName = clientName
        (events, eventSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        state.withLock { $0.token = token }
    }

    /// The bearer token used for the next connection (set after `auth.login`).
    public var token: String? {
        get { state.withLock { $0.token } }
        set { state.withLock { $0.token = newValue } }
    }

    public var isConnected: Bool { state.withLock { $0.outbound != nil } }

    var currentOutbound: WebSocketOutboundWriter? { state.withLock { $0.outbound } }

    /// Connects and reconnects until cancelled.
    public func run() async {
        var backoff = ReconnectBackoff()
        while !Task.isCancelled {
            eventSink.yield(.state(.connecting(attempt: backoff.attempt + 1)))
            let connected = Mutex(false)
            let outcome = await connectOnce(onConnected: { connected.withLock { $0 = true } })
            if connected.withLock({ $0 }) { backoff.reset() }
            pending.failAll(ClientError.connectionLost)
            switch outcome {
            case .incompatible(let reason):
                eventSink.yield(.state(.incompatible(reason: reason)))
                return
            case .tokenRefused:
                token = nil
                eventSink.yield(.state(.needsLogin(reason: "the saved session is no longer valid; log in again")))
                backoff.reset()
                continue
            case .dropped(let reason):
                let delay = backoff.nextDelay()
                eventSink.yield(.state(.waiting(reason: reason, retryInMilliseconds: delay)))
                try? await Task.sleep(for: .milliseconds(delay))
            }
        }
        eventSink.finish()
    }

    enum Outcome {
        case dropped(String)
        case tokenRefused
        case incompatible(String)
    }

    private func connectOnce(onConnected: @escaping @Sendable () -> Void) async -> Outcome {
        let token = self.token
        var configuration = WebSocketClientConfiguration(maxFrameSize: 16 << 20, autoPing: .enabled(timePeriod: .seconds(15)))
        if let token { configuration.additionalHeaders[.authorization] = "Bearer \(token)" }
        let verdict = Mutex<Outcome?>(nil)
        let client = WebSocketClient(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
            self.state.withLock { $0.outbound = outbound }
            defer { self.state.withLock { $0.outbound = nil } }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.readLoop(inbound) }
                group.addTask {
                    // Call deadlines, for every call on this connection at once.
                    while true {
                        try await Task.sleep(for: .milliseconds(200))
                        self.pending.expire()
                    }
                }
                do {
                    try await self.handshake()
                    onConnected()
                } catch let error as IncompatibleServer {
                    verdict.withLock { $0 = .incompatible(error.reason) }
                    group.cancelAll()
                    try? await outbound.close(.normalClosure, reason: nil)
                    return
                }
                try await group.next()
                group.cancelAll()
            }
        }
        do {
            try await client.run()
            return verdict.withLock { $0 } ?? .dropped("the server closed the connection")
        } catch let error as WebSocketClientError where error == .webSocketUpgradeFailed && token != nil {
            return .tokenRefused
        } catch {
            return verdict.withLock { $0 } ?? .dropped(Self.describe(error))
        }
    }

    struct IncompatibleServer: Error { let reason: String }

    private func handshake() async throws {
        let hello: HelloResult = try await call("server.hello", HelloParams(client: clientName))
        let check = ProtocolVersion.check(server: hello.protocolVersion)
        guard check.compatible else { throw IncompatibleServer(reason: check.reason ?? "incompatible server") }
        state.withLock { $0.hello = hello }
        eventSink.yield(.hello(hello))
        let topics = state.withLock { Array($0.topics) }
        if !topics.isEmpty, hello.user != nil {
            let _: SubscribeResult = try await call("subscribe", SubscribeParams(topics: topics.sorted()))
        }
        let started = ContinuousClock.now
        let _: PingResult = try await call("server.ping", [String: String]())
        eventSink.yield(.state(.connected(roundTripMilliseconds: Self.milliseconds(ContinuousClock.now - started))))
    }

    private func readLoop(_ inbound: WebSocketInboundStream) async throws {
        for try await message in inbound.messages(maxSize: 16 << 20) {
            guard case .text(let text) = message else { continue }
            let messages: [RPCServerMessage]
            do { messages = try RPCServerMessage.decode(Array(text.utf8)) } catch {
                logger.warning("unreadable frame from server", metadata: ["error": "\(error)"])
                continue
            }
            for message in messages {
                switch message {
                case .response(let id, let result): pending.resolve(id, result)
                case .event(let topic, let data): eventSink.yield(.event(topic: topic, data: data))
                }
            }
        }
    }

    /// Calls a method and decodes its result. Server errors are thrown as `RPCError`.
    public func call<Result: Decodable>(_ method: String, _ params: some Encodable, timeout: Duration = .seconds(30)) async throws -> Result {
        let value = try await callRaw(method, params: try JSONValue(encoding: params), timeout: timeout)
        do { return try value.decode(Result.self) } catch {
            throw ClientError("unexpected result from \(method): \(JSONCoding.describe(error))")
        }
    }

    /// Calls a method with untyped params and returns the untyped result.
    public func callRaw(_ method: String, params: JSONValue, timeout: Duration = .seconds(30)) async throws -> JSONValue {
        guard let outbound = state.withLock({ $0.outbound }) else { throw ClientError.notConnected }
        // The slot opens before the write, so a reply that beats `wait` is kept.
        let id = pending.open(timeout: timeout)
        let frame = CanonicalJSON.encode(RPCRequest(id: .int(id), method: method, params: params).json)
        do {
            try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: frame))))
        } catch {
            pending.discard(id)
            throw ClientError.connectionLost
        }
        return try await pending.wait(id).get()
    }

    /// Subscribes now (if connected) and after every reconnect.
    public func subscribe(_ topics: [String]) async throws {
        state.withLock { $0.topics.formUnion(topics) }
        if isConnected {
            let _: SubscribeResult = try await call("subscribe", SubscribeParams(topics: topics))
        }
    }

    /// Measures one round trip with `server.ping` and reports it as the connection state.
    @discardableResult
    public func measureLatency() async throws -> Double {
        let started = ContinuousClock.now
        let _: PingResult = try await call("server.ping", [String: String](), timeout: .seconds(5))
        let millis = Self.milliseconds(ContinuousClock.now - started)
        eventSink.yield(.state(.connected(roundTripMilliseconds: millis)))
        return millis
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }

    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}

extension AureusConnection {
    /// Drops the current connection; `run()` reconnects after its usual short backoff.
    public func disconnect() async {
        guard let outbound = currentOutbound else { return }
        try? await outbound.close(.goingAway, reason: "client reconnect")
    }
}
