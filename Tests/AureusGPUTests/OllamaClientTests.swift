import AureusCore
import AureusProtocol
import AureusTestSupport
import Synchronization
import Testing

@testable import AureusGPU

/// The Ollama client against a real HTTP server on loopback that replays Ollama's answers.
@Suite struct OllamaClientTests {
    struct FixedClock: WallClock {
        func now() -> Timestamp { Timestamp(milliseconds: 1_795_291_200_000) }
    }

    final class Recorded: Sendable {
        let stats = Mutex<[OllamaGenerationStat]>([])
        @Sendable func record(_ stat: OllamaGenerationStat) { stats.withLock { $0.append(stat) } }
        var all: [OllamaGenerationStat] { stats.withLock { $0 } }
    }

    static func client(_ server: FakeOllamaServer, timeout: Duration = .seconds(2), recorded: Recorded? = nil) throws -> OllamaClient {
        try OllamaClient(baseURL: server.baseURL, timeout: timeout, clock: FixedClock(), recorder: recorded?.record)
    }

    @Test func statusEndpoints() async throws {
        let server = try await FakeOllamaServer.start()
        let client = try Self.client(server)
        #expect(try await client.version() == "0.5.1")
        #expect(try await client.installed().map(\.name) == ["deepseek-r1:latest", "llama3.2:latest"])
        let loaded = try await client.loaded()
        #expect(loaded.map(\.name) == ["mistral:latest"] && loaded.first?.vramBytes == 5_137_025_024)
        await server.stop()
    }

    @Test func streamingGenerationRecordsTokensPerSecond() async throws {
        let server = try await FakeOllamaServer.start()
        let recorded = Recorded()
        let answer = try await Self.client(server, recorded: recorded).generate(model: "llama3.2", prompt: "Why is the sky blue?")
        #expect(answer.text == "The sky")
        #expect(answer.stat.evalCount == 259 && answer.stat.evalDurationNanoseconds == 4_232_710_000)
        #expect(abs((answer.tokensPerSecond ?? 0) - 61.19) < 0.01)
        #expect(recorded.all.count == 1 && recorded.all.first?.error == nil)
        #expect((recorded.all.first?.latencyMilliseconds ?? 0) > 0)
        await server.stop()
    }

    @Test func modelNotFound() async throws {
        let server = try await FakeOllamaServer.start()
        server.set("POST /api/generate", .json(status: 404, body: FakeOllamaServer.modelNotFoundBody))
        let recorded = Recorded()
        let error = await #expect(throws: OllamaError.self) {
            try await Self.client(server, recorded: recorded).generate(model: "nope", prompt: "hi")
        }
        #expect(error?.kind == .modelNotFound)
        #expect(error?.message == #"model "nope" not found, try pulling it first"#)
        #expect(recorded.all.first?.error?.contains("not found") == true, "failures are recorded too")
        await server.stop()
    }

    @Test func internalServerError() async throws {
        let server = try await FakeOllamaServer.start()
        server.set("POST /api/generate", .json(status: 500, body: FakeOllamaServer.internalErrorBody))
        server.set("GET /api/tags", .json(status: 500, body: FakeOllamaServer.internalErrorBody))
        let client = try Self.client(server)
        let generate = await #expect(throws: OllamaError.self) { try await client.generate(model: "llama3.2", prompt: "hi") }
        #expect(generate?.kind == .status(500) && generate?.message == "the model failed to generate a response")
        let tags = await #expect(throws: OllamaError.self) { try await client.installed() }
        #expect(tags?.kind == .status(500))
        await server.stop()
    }

    @Test func slowAnswerTimesOut() async throws {
        let server = try await FakeOllamaServer.start()
        // The answer comes after 10 s; a 200 ms timeout must end the call long before. The bound
        // is loose because a full `make test` run can starve this 2-core VM's pool for seconds.
        server.set("GET /api/version", .json(body: #"{"version": "0.5.1"}"#, delay: .seconds(10)))
        let started = ContinuousClock.now
        let error = await #expect(throws: OllamaError.self) { try await Self.client(server, timeout: .milliseconds(200)).version() }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(8))
        await server.stop()
    }

    @Test func midStreamErrorLine() async throws {
        let server = try await FakeOllamaServer.start()
        server.set("POST /api/generate", .stream(lines: FakeOllamaServer.midStreamErrorLines))
        let recorded = Recorded()
        let error = await #expect(throws: OllamaError.self) {
            try await Self.client(server, recorded: recorded).generate(model: "llama3.2", prompt: "hi")
        }
        #expect(error?.kind == .midStream && error?.message == "an error was encountered while running the model")
        #expect(recorded.all.count == 1 && recorded.all.first?.tokensPerSecond == nil)
        await server.stop()
    }

    @Test func droppedConnection() async throws {
        let server = try await FakeOllamaServer.start()
        server.set("GET /api/version", .drop)
        server.set("POST /api/generate", .dropMidStream(lines: [FakeOllamaServer.generateLines[0]]))
        // A generous timeout: the drop must be reported as a drop even when a loaded machine
        // delays the fake server's close past the default 2 s.
        let client = try Self.client(server, timeout: .seconds(30))
        let version = await #expect(throws: OllamaError.self) { try await client.version() }
        #expect(version?.kind == .dropped)
        let generate = await #expect(throws: OllamaError.self) { try await client.generate(model: "llama3.2", prompt: "hi") }
        #expect(generate?.kind == .dropped)
        await server.stop()
    }

    @Test func nothingListening() async throws {
        // Port 1 on loopback: privileged, nothing listens there (a just-closed ephemeral port
        // could be taken by a parallel test's server).
        let url = "http://127.0.0.1:1"
        let error = await #expect(throws: OllamaError.self) {
            try await OllamaClient(baseURL: url, timeout: .seconds(1), clock: FixedClock()).version()
        }
        #expect(error?.kind == .unreachable)
    }

    @Test func baseURLs() throws {
        let endpoint = try HTTPEndpoint("http://127.0.0.1:11434/")
        #expect(endpoint.host == "127.0.0.1" && endpoint.port == 11434 && endpoint.prefix == "")
        #expect(try HTTPEndpoint("http://[::1]:8080/ollama").description == "http://[::1]:8080/ollama")
        #expect(try HTTPEndpoint("http://gpu-box").port == 80)
        #expect(throws: OllamaError.self) { try HTTPEndpoint("https://example.com") }
        #expect(throws: OllamaError.self) { try HTTPEndpoint("http://host:99999") }
    }
}
