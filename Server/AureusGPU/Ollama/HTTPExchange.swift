import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// One HTTP/1.1 request on a fresh loopback connection (`Connection: close`), with the answer
/// read as it arrives: enough for Ollama's JSON and NDJSON endpoints without a client library.
///
/// The whole exchange has one deadline: when it passes, the channel is closed from the event
/// loop, which ends the read and turns into `OllamaError(.timeout)`.
struct HTTPExchange: Sendable {
    let endpoint: HTTPEndpoint
    let group: any EventLoopGroup

    init(endpoint: HTTPEndpoint, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.endpoint = endpoint
        self.group = group
    }

    /// Reads the answer part by part.
    struct Reader: ~Copyable {
        fileprivate var iterator: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
        /// The status line's code.
        let status: Int

        /// The next piece of the body, nil at its end.
        /// - Throws: the iterator's error, or `OllamaError(.dropped)` when the stream ends early.
        mutating func next() async throws -> ByteBuffer? {
            while let part = try await iterator.next() {
                switch part {
                case .head: continue
                case .body(let buffer): return buffer
                case .end: return nil
                }
            }
            throw OllamaError(.dropped, "connection closed before the end of the answer")
        }

        /// The rest of the body, up to `limit` bytes.
        mutating func collect(limit: Int = 8 << 20) async throws -> [UInt8] {
            var bytes: [UInt8] = []
            while let buffer = try await next() {
                bytes += buffer.readableBytesView
                guard bytes.count <= limit else { throw OllamaError(.badResponse, "answer larger than \(limit) bytes") }
            }
            return bytes
        }
    }

    /// Sends `method path` with an optional JSON body, then hands the answer to `consume`.
    func perform<Result: Sendable>(
        _ method: HTTPMethod,
        _ path: String,
        body: [UInt8]? = nil,
        timeout: Duration,
        consume: (inout Reader) async throws -> Result
    ) async throws(OllamaError) -> Result {
        let timedOut = Atomic<Bool>(false)
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(Self.timeAmount(timeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch ChannelError.connectTimeout(_) {
            throw OllamaError(.timeout, "connecting to \(endpoint)")
        } catch {
            throw OllamaError(.unreachable, "\(endpoint): \(Self.describe(error))")
        }
        let raw = channel.channel
        let timer = raw.eventLoop.scheduleTask(in: Self.timeAmount(timeout)) {
            timedOut.store(true, ordering: .relaxed)
            raw.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var head = HTTPRequestHead(version: .http1_1, method: method, uri: endpoint.prefix + path)
                head.headers.add(name: "Host", value: "\(endpoint.host):\(endpoint.port)")
                head.headers.add(name: "Connection", value: "close")
                head.headers.add(name: "Accept", value: "application/json, application/x-ndjson")
                head.headers.add(name: "User-Agent", value: "aureusd")
                if let body {
                    head.headers.add(name: "Content-Type", value: "application/json")
                    head.headers.add(name: "Content-Length", value: String(body.count))
                }
                // One write for the whole request: a server that answers and closes as soon as it
                // has the head (a GET has nothing after it on the wire) must not catch a second
                // write on a channel it already closed ("I/O on closed channel").
                var parts: [HTTPClientRequestPart] = [.head(head)]
                if let body { parts.append(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
                parts.append(.end(nil))
                try await outbound.write(contentsOf: parts)
                var iterator = inbound.makeAsyncIterator()
                var status: Int?
                while status == nil, let part = try await iterator.next() {
                    if case .head(let response) = part { status = Int(response.status.code) }
                }
                guard let status else { throw OllamaError(.dropped, "connection closed before the status line") }
                var reader = Reader(iterator: iterator, status: status)
                return try await consume(&reader)
            }
        } catch {
            if timedOut.load(ordering: .relaxed) { throw OllamaError(.timeout, "\(method.rawValue) \(path) took longer than \(timeout)") }
            if let typed = error as? OllamaError { throw typed }
            throw OllamaError(.dropped, "\(method.rawValue) \(path): \(Self.describe(error))")
        }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
