import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on loopback that answers like Ollama: the documented bodies by default
/// (the examples in Ollama's docs/api.md), and per route whatever a test scripts — an error
/// status, a slow answer, a stream with an `{"error": …}` line, or a dropped connection.
///
/// ```swift
/// let ollama = try await FakeOllamaServer.start()
/// defer { Task { await ollama.stop() } }
/// ollama.set("GET /api/ps", .json(status: 500, body: #"{"error":"boom"}"#))
/// ```
public final class FakeOllamaServer: Sendable {
    public enum Reply: Sendable {
        /// One JSON body with `status`, after `delay`.
        case json(status: Int = 200, body: String, delay: Duration = .zero)
        /// `application/x-ndjson`, status 200: each line sent `interval` after the previous, then the end.
        case stream(lines: [String], interval: Duration = .milliseconds(5))
        /// Close the connection after reading the request, answering nothing.
        case drop
        /// Send the status line and `lines`, then close without finishing the body.
        case dropMidStream(lines: [String])
    }

    /// Routes and request counts, shared with every connection's handler.
    final class Table: Sendable {
        let routes: Mutex<[String: Reply]>
        let counts = Mutex<[String: Int]>([:])

        init(_ routes: [String: Reply]) { self.routes = Mutex(routes) }

        func reply(for route: String) -> Reply {
            counts.withLock { $0[route, default: 0] += 1 }
            return routes.withLock { $0[route] } ?? .json(status: 404, body: #"{"error":"404 page not found"}"#)
        }
    }

    public let port: Int
    private let channel: any Channel
    private let table: Table

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts on an ephemeral loopback port with the documented answers.
    public static func start(routes: [String: Reply] = FakeOllamaServer.documented) async throws -> FakeOllamaServer {
        let table = Table(routes)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(RouteHandler(table: table))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FakeOllamaServer(channel: channel, table: table)
    }

    private init(channel: any Channel, table: Table) {
        self.channel = channel
        self.table = table
        port = channel.localAddress?.port ?? 0
    }

    /// Replaces the answer for a route such as "GET /api/ps" or "POST /api/generate".
    public func set(_ route: String, _ reply: Reply) { table.routes.withLock { $0[route] = reply } }

    /// How many requests a route received.
    public func count(_ route: String) -> Int { table.counts.withLock { $0[route] ?? 0 } }

    public func stop() async { try? await channel.close() }

    deinit { channel.close(promise: nil) }
}

/// Answers one request per connection from the route table.
private final class RouteHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let table: FakeOllamaServer.Table
    private var route = ""

    init(table: FakeOllamaServer.Table) { self.table = table }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            route = "\(head.method.rawValue) \(head.uri)"
        case .body:
            break
        case .end:
            respond(context: context, reply: table.reply(for: route))
        }
    }

    private func respond(context: ChannelHandlerContext, reply: FakeOllamaServer.Reply) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        switch reply {
        case .drop:
            context.close(promise: nil)
        case .json(let status, let body, let delay):
            let send: @Sendable () -> Void = {
                let (handler, context) = bound.value
                handler.writeHead(context: context, status: status, type: "application/json", length: body.utf8.count)
                context.write(handler.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
                context.writeAndFlush(handler.wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.1.close(promise: nil) }
            }
            if delay == .zero {
                send()
            } else {
                context.eventLoop.scheduleTask(in: Self.timeAmount(delay)) { send() }
            }
        case .stream(let lines, let interval):
            writeHead(context: context, status: 200, type: "application/x-ndjson", length: nil)
            context.flush()
            for (index, line) in lines.enumerated() {
                context.eventLoop.scheduleTask(in: Self.timeAmount(interval * (index + 1))) {
                    let (handler, context) = bound.value
                    context.writeAndFlush(handler.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: line + "\n")))), promise: nil)
                }
            }
            context.eventLoop.scheduleTask(in: Self.timeAmount(interval * (lines.count + 1))) {
                let (handler, context) = bound.value
                context.writeAndFlush(handler.wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.1.close(promise: nil) }
            }
        case .dropMidStream(let lines):
            writeHead(context: context, status: 200, type: "application/x-ndjson", length: nil)
            let text = lines.map { $0 + "\n" }.joined()
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
            context.eventLoop.scheduleTask(in: .milliseconds(20)) { bound.value.1.close(promise: nil) }
        }
    }

    private func writeHead(context: ChannelHandlerContext, status: Int, type: String, length: Int?) {
        var headers = HTTPHeaders([("Content-Type", type), ("Connection", "close")])
        if let length { headers.add(name: "Content-Length", value: String(length)) }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
