import AureusProtocol
import Logging
import Synchronization
import Testing

/// Secrets never reach the logs and usernames appear only masked, even at trace level.
@Suite("Log hygiene")
struct LogHygieneTests {
    @Test func noSecretsOrUsernamesInLogs() async throws {
        let sink = CapturedLines()
        var logger = Logger(label: "hygiene") { _ in CapturingLogHandler(sink: sink) }
        logger.logLevel = .trace
        let (password, token) = try await TestServer.with(logger: logger) { server in
            let socket = try await server.connect(as: .admin)
            _ = try await socket.call("users.create", ["username": "carolina", "password": "hunter2-hunter2", "role": "analyst"]).get()
            _ = try await socket.call("auth.login", ["username": "carolina", "password": "wrong-password-9"])
            let login = try await socket.call("auth.login", ["username": "carolina", "password": "hunter2-hunter2"]).get()
            await socket.close()
            return (try server.adminPassword, login["token"]?.stringValue ?? "missing")
        }
        let lines = sink.lines
        #expect(lines.contains { $0.contains("aureus.user") }, "the per-call log line is missing")
        for secret in [password, token, "hunter2-hunter2", "wrong-password-9", "carolina"] {
            #expect(!lines.contains { $0.contains(secret) }, "a log line contains \(secret.prefix(4))…")
        }
    }
}

final class CapturedLines: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let sink: CapturedLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        sink.append("\(event.level) \(event.message) \(merged)")
    }
}
