import AureusCore
import AureusProtocol
import NIOCore
import NIOHTTP1

/// Ollama's REST API, the parts Aureus uses: the three status endpoints the watcher polls and
/// a streaming `/api/generate` that records how fast each generation ran.
///
/// ```swift
/// let client = try OllamaClient(baseURL: "http://127.0.0.1:11434", clock: clock, recorder: ollama.record)
/// let answer = try await client.generate(model: "phi3:mini", prompt: "Say hi")
/// print(answer.text, answer.tokensPerSecond ?? 0)
/// ```
public struct OllamaClient: Sendable {
    public let endpoint: HTTPEndpoint
    /// Deadline for each status call.
    public var timeout: Duration
    let exchange: HTTPExchange
    let clock: any WallClock
    /// Called once per `generate`, successful or not: the hook the watcher's tokens/s history hangs on.
    let recorder: (@Sendable (OllamaGenerationStat) -> Void)?

    public init(
        baseURL: String,
        timeout: Duration = .seconds(2),
        clock: any WallClock,
        recorder: (@Sendable (OllamaGenerationStat) -> Void)? = nil
    ) throws(OllamaError) {
        endpoint = try HTTPEndpoint(baseURL)
        exchange = HTTPExchange(endpoint: endpoint)
        self.timeout = timeout
        self.clock = clock
        self.recorder = recorder
    }

    // MARK: Status

    /// `GET /api/version`.
    public func version() async throws(OllamaError) -> String {
        let body = try await getJSON("/api/version")
        do { return try OllamaResponses.version(body) } catch { throw OllamaError(.badResponse, error.description) }
    }

    /// `GET /api/tags`: models on disk.
    public func installed() async throws(OllamaError) -> [OllamaInstalledModel] {
        let body = try await getJSON("/api/tags")
        do { return try OllamaResponses.installed(body) } catch { throw OllamaError(.badResponse, error.description) }
    }

    /// `GET /api/ps`: models in memory, with their VRAM share and expiry.
    public func loaded() async throws(OllamaError) -> [OllamaLoadedModel] {
        let body = try await getJSON("/api/ps")
        do { return try OllamaResponses.loaded(body) } catch { throw OllamaError(.badResponse, error.description) }
    }

    private func getJSON(_ path: String) async throws(OllamaError) -> [UInt8] {
        try await exchange.perform(.GET, path, timeout: timeout) { reader in
            let body = try await reader.collect()
            guard reader.status == 200 else { throw Self.statusError(reader.status, body: body, path: path) }
            return body
        }
    }

    static func statusError(_ status: Int, body: [UInt8], path: String) -> OllamaError {
        let message = OllamaResponses.errorMessage(body) ?? "\(path) answered \(status)"
        if status == 404, message.contains("not found") { return OllamaError(.modelNotFound, message) }
        return OllamaError(.status(status), message)
    }

    // MARK: Generation

    /// The result of a finished generation.
    public struct Generation: Sendable, Hashable {
        public var text: String
        public var stat: OllamaGenerationStat
        public var doneReason: String?
        public var tokensPerSecond: Double? { stat.tokensPerSecond }
    }

    /// `POST /api/generate` with `stream: true`: reads the NDJSON lines as they come, stops at
    /// `done: true`, and records the latency and `eval_count / eval_duration` either way.
    ///
    /// - Parameters:
    ///   - extra: more request members (`system`, `format`, `options`, `keep_alive`), passed as is.
    /// - Throws: `OllamaError` — `.modelNotFound` (404), `.status` (other codes), `.midStream`
    ///   (an `{"error": …}` line after the 200), `.timeout`, `.dropped`, `.unreachable`.
    public func generate(
        model: String,
        prompt: String,
        extra: [String: JSONValue] = [:],
        timeout: Duration = .seconds(120)
    ) async throws(OllamaError) -> Generation {
        var request = extra
        request["prompt"] = .string(prompt)
        return try await stream("/api/generate", model: model, request: request, timeout: timeout)
    }

    /// `POST /api/chat` with `stream: true`: the same NDJSON reading and recording as
    /// `generate`, over `message.content` pieces.
    ///
    /// - Parameter messages: `{"role": "system" | "user" | "assistant", "content": …}` objects.
    public func chat(
        model: String,
        messages: [JSONValue],
        extra: [String: JSONValue] = [:],
        timeout: Duration = .seconds(120)
    ) async throws(OllamaError) -> Generation {
        var request = extra
        request["messages"] = .array(messages)
        return try await stream("/api/chat", model: model, request: request, timeout: timeout)
    }

    private func stream(_ path: String, model: String, request: [String: JSONValue], timeout: Duration) async throws(OllamaError) -> Generation {
        var request = request
        request["model"] = .string(model)
        request["stream"] = .bool(true)
        let started = ContinuousClock.now
        let time = clock.now()
        func milliseconds() -> Double {
            let elapsed = (ContinuousClock.now - started).components
            return Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
        }
        do {
            let body = try JSONCoding.encode(JSONValue.object(request))
            let (text, done) = try await exchange.perform(.POST, path, body: body, timeout: timeout) { reader in
                guard reader.status == 200 else {
                    throw Self.statusError(reader.status, body: try await reader.collect(limit: 1 << 16), path: path)
                }
                return try await Self.readStream(&reader)
            }
            let stat = OllamaGenerationStat(
                time: time,
                model: model,
                latencyMilliseconds: milliseconds(),
                evalCount: done.evalCount,
                evalDurationNanoseconds: done.evalDuration
            )
            recorder?(stat)
            return Generation(text: text, stat: stat, doneReason: done.reason)
        } catch {
            let typed = (error as? OllamaError) ?? OllamaError(.badResponse, "\(error)")
            recorder?(OllamaGenerationStat(time: time, model: model, latencyMilliseconds: milliseconds(), error: typed.description))
            throw typed
        }
    }

    private struct Done: Sendable {
        var evalCount: Int?
        var evalDuration: Int64?
        var reason: String?
    }

    /// Splits the body into lines (a line may span reads) and interprets each.
    private static func readStream(_ reader: inout HTTPExchange.Reader) async throws -> (String, Done) {
        var text = ""
        var pending: [UInt8] = []
        func take(_ line: ArraySlice<UInt8>) throws -> Done? {
            guard line.contains(where: { $0 != 32 && $0 != 13 }) else { return nil }
            switch try OllamaResponses.generateLine(line) {
            case .chunk(let piece):
                text += piece
                return nil
            case .done(let piece, let count, let duration, let reason):
                text += piece
                return Done(evalCount: count, evalDuration: duration, reason: reason)
            case .error(let message):
                throw OllamaError(.midStream, message)
            }
        }
        while true {
            var chunk: ByteBuffer?
            do { chunk = try await reader.next() } catch let error as OllamaError where error.kind == .dropped { chunk = nil }
            guard let chunk else {
                if let done = try take(pending[...]) { return (text, done) }
                throw OllamaError(.dropped, "stream ended before the final line")
            }
            pending += chunk.readableBytesView
            while let newline = pending.firstIndex(of: 10) {
                let line = pending[..<newline]
                let done = try take(line)
                pending.removeSubrange(...newline)
                if let done { return (text, done) }
            }
        }
    }
}
