import AureusProtocol
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Synchronization

/// A bare WebSocket client for tests: send any text (malformed on purpose), read frames back
/// in order. Runs the real HummingbirdWSClient against the real server.
final class RawWebSocket: @unchecked Sendable {
    private let outbound: WebSocketOutboundWriter
    private let inbox: AsyncStream<String>
    private let task: Task<WebSocketCloseFrame?, any Error>
    private let nextID = Atomic<Int64>(1)
    // Sendable because only one test task reads a socket at a time.
    private nonisolated(unsafe) var iterator: AsyncStream<String>.Iterator

    private init(outbound: WebSocketOutboundWriter, inbox: AsyncStream<String>, task: Task<WebSocketCloseFrame?, any Error>) {
        self.outbound = outbound
        self.inbox = inbox
        self.task = task
        self.iterator = inbox.makeAsyncIterator()
    }

    static func connect(url: String, headers: HTTPFields = [:], maxFrameSize: Int = 4 << 20) async throws -> RawWebSocket {
        let (inbox, inboxSink) = AsyncStream<String>.makeStream()
        let (ready, readySink) = AsyncThrowingStream<WebSocketOutboundWriter, any Error>.makeStream()
        var logger = Logger(label: "raw-ws")
        logger.logLevel = .critical
        let client = WebSocketClient(
            url: url,
            configuration: WebSocketClientConfiguration(maxFrameSize: maxFrameSize, additionalHeaders: headers),
            logger: logger
        ) { inbound, outbound, _ in
            readySink.yield(outbound)
            defer { inboxSink.finish() }
            for try await message in inbound.messages(maxSize: 16 << 20) {
                if case .text(let text) = message { inboxSink.yield(text) }
            }
        }
        // Bridge: the client runs for the socket's lifetime, owned by this object and cancelled in close().
        let task = Task {
            do {
                let frame = try await client.run()
                readySink.finish()
                return frame
            } catch {
                readySink.finish(throwing: error)
                throw error
            }
        }
        for try await outbound in ready { return RawWebSocket(outbound: outbound, inbox: inbox, task: task) }
        throw TestFailure("connection closed before the upgrade completed")
    }

    func send(_ text: String) async throws {
        try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text))))
    }

    func send(binary bytes: [UInt8]) async throws {
        try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .binary, data: ByteBuffer(bytes: bytes))))
    }

    /// The next text frame, or nil once the server has closed the connection.
    func receive() async -> String? {
        await iterator.next()
    }

    func receiveJSON() async throws -> JSONValue {
        guard let text = await receive() else { throw TestFailure("connection closed") }
        return try JSONParser.parse(text)
    }

    /// Sends a request and waits for the response with its id, skipping event notifications.
    func call(_ method: String, _ params: JSONValue = [:]) async throws -> Result<JSONValue, RPCError> {
        let id = nextID.add(1, ordering: .relaxed).oldValue
        try await send(CanonicalJSON.string(RPCRequest(id: .int(id), method: method, params: params).json))
        while true {
            let message = try await receiveJSON()
            guard message["id"] == .int(id) else { continue }
            if let error = message["error"] { return .failure(RPCError(json: error)!) }
            return .success(message["result"] ?? .null)
        }
    }

    /// The close frame the server sent, after the connection ended.
    func closeFrame() async -> WebSocketCloseFrame? { try? await task.value }

    func close() async {
        try? await outbound.close(.normalClosure, reason: nil)
        task.cancel()
    }
}
