import AureusProtocol
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// What the webhook fast path answers with: a status, a JSON (or problem+json) body and, for
/// 503, how long to wait.
struct WebhookReply: Sendable {
    var status: HTTPResponse.Status
    var contentType: String
    var body: [UInt8]
    var retryAfterSeconds: Int?
}

/// Takes a complete `POST /v1/webhooks/{source}` and calls `reply` exactly once, from any thread.
protocol WebhookReceiver: Sendable {
    var maxBodyBytes: Int { get }
    func receive(source: String, headers: HTTPFields, body: ByteBuffer, reply: @escaping @Sendable (WebhookReply) -> Void)
    /// The answer to a body over `maxBodyBytes` (counted as a rejection).
    func tooLarge() -> WebhookReply
    /// The wall clock, for the `Date` header.
    func now() -> Timestamp
    /// Counts one answered webhook request (status, time from head to reply) like the HTTP metrics middleware does.
    func answered(status: Int, duration: Duration)
}

/// `POST /v1/webhooks/{source}` answered on the connection's event loop, in Hummingbird's
/// pipeline after the HTTP codec and before its async request handling.
///
/// Why: through the router every request costs a task hop to Swift's cooperative pool and back,
/// plus request and body stream objects. Here the head and body are read on the event loop, the
/// signature is checked and the delivery queued for group commit there, and the commit's
/// completion writes the answer back: no task per request. Everything else (other paths, GET
/// handshakes, `Expect: 100-continue`, WebSocket traffic) passes through untouched.
///
/// Order: HTTP/1.1 pipelining lets a client send the next request before the answer to the
/// previous one. A webhook is taken here only when no request passed on is still unanswered,
/// and while a webhook waits for its commit every later part is held back (and socket reads
/// paused), then replayed in order, so answers always leave in request order.
final class WebhookChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static let pathPrefix = "/v1/webhooks/"

    private enum Mode {
        case passing
        case reading(source: String, keepAlive: Bool, started: ContinuousClock.Instant, body: ByteBuffer)
        case discarding(keepAlive: Bool, started: ContinuousClock.Instant)
        case waiting
    }

    private let receiver: any WebhookReceiver
    private var mode = Mode.passing
    /// Requests passed on whose answer's `.end` has not come back through here yet.
    private var unansweredDownstream = 0
    /// Parts that arrived while a webhook waited for its commit, replayed after its answer.
    private var held: [HTTPRequestPart] = []
    private var readPending = false
    /// The header fields of the webhook being read.
    private var headers: HTTPFields = [:]
    /// The `Date` header (RFC 9110 requires one), formatted at most once a second per connection.
    private var date = (second: Int64.min, text: "")

    init(receiver: any WebhookReceiver) { self.receiver = receiver }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if case .waiting = mode {
            held.append(part)
            return
        }
        switch (part, mode) {
        case (.head(let head), .passing):
            if unansweredDownstream == 0, let source = Self.webhookSource(head) {
                headers = head.headerFields
                mode = .reading(source: source, keepAlive: Self.keepAlive(head), started: .now, body: context.channel.allocator.buffer(capacity: 0))
            } else {
                unansweredDownstream += 1
                context.fireChannelRead(data)
            }
        case (.body(var chunk), .reading(let source, let keepAlive, let started, var body)):
            mode = .passing  // drop the buffer's second reference before appending
            if body.readableBytes + chunk.readableBytes > receiver.maxBodyBytes {
                mode = .discarding(keepAlive: keepAlive, started: started)
            } else {
                body.writeBuffer(&chunk)
                mode = .reading(source: source, keepAlive: keepAlive, started: started, body: body)
            }
        case (.body, .discarding):
            break
        case (.end, .reading(let source, let keepAlive, let started, let body)):
            mode = .waiting
            let loop = context.eventLoop
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            let headers = self.headers
            self.headers = [:]
            receiver.receive(source: source, headers: headers, body: body) { reply in
                loop.execute {
                    let (handler, context) = bound.value
                    handler.answer(reply, keepAlive: keepAlive, started: started, context: context)
                }
            }
        case (.end, .discarding(let keepAlive, let started)):
            mode = .waiting
            answer(receiver.tooLarge(), keepAlive: keepAlive, started: started, context: context)
        default:
            context.fireChannelRead(data)
        }
    }

    private func answer(_ reply: WebhookReply, keepAlive: Bool, started: ContinuousClock.Instant, context: ChannelHandlerContext) {
        let now = receiver.now()
        if now.milliseconds / 1000 != date.second { date = (now.milliseconds / 1000, now.httpDate) }
        var fields: HTTPFields = [
            .contentType: reply.contentType, .contentLength: String(reply.body.count), .date: date.text, .server: "aureusd",
        ]
        if let retry = reply.retryAfterSeconds { fields[.retryAfter] = String(retry) }
        if !keepAlive { fields[.connection] = "close" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: reply.status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: reply.body))), promise: nil)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
        receiver.answered(status: reply.status.code, duration: .now - started)
        mode = .passing
        let replay = held
        held = []
        for part in replay { channelRead(context: context, data: wrapInboundOut(part)) }
        // The async channel behind delivers what it was given at read-complete: replayed parts
        // need one of their own.
        if !replay.isEmpty { context.fireChannelReadComplete() }
        if readPending, !isWaiting {
            readPending = false
            context.read()
        }
    }

    private var isWaiting: Bool {
        if case .waiting = mode { return true }
        return false
    }

    func read(context: ChannelHandlerContext) {
        if isWaiting {
            readPending = true
        } else {
            context.read()
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), unansweredDownstream > 0 { unansweredDownstream -= 1 }
        context.write(data, promise: promise)
    }

    /// The source name of a webhook POST this handler takes, or nil to pass the request on.
    static func webhookSource(_ head: HTTPRequest) -> String? {
        guard head.method == .post, let path = head.path, path.hasPrefix(pathPrefix), head.headerFields[.expect] == nil else { return nil }
        var name = path.dropFirst(pathPrefix.count)
        if let query = name.firstIndex(of: "?") { name = name[..<query] }
        guard !name.isEmpty, !name.contains("/") else { return nil }
        return String(name)
    }

    /// HTTP/1.1 keeps the connection unless the client asked to close it.
    static func keepAlive(_ head: HTTPRequest) -> Bool {
        !(head.headerFields[.connection]?.lowercased().contains("close") ?? false)
    }
}
