import AureusCore
import AureusCrypto
import AureusProtocol
import AureusServer
import AureusTestSupport
import Foundation
import Hummingbird
import Logging
import Synchronization

/// A real `aureusd` application on an ephemeral loopback port with a fresh data directory,
/// built by the same `buildApplication` the binary uses.
struct TestServer: Sendable {
    let port: Int
    let dataDirectory: String
    let clock: ManualWallClock
    let configuration: ServerConfiguration

    var url: String { "ws://127.0.0.1:\(port)/v1/ws" }

    /// The bootstrap admin's password, read from the file the server wrote.
    var adminPassword: String {
        get throws {
            try String(contentsOfFile: dataDirectory + "/initial-admin-password", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Runs `body` against a fresh server; the server stops when `body` returns.
    static func with<T: Sendable>(
        databaseURL: String? = nil,
        maxLoginFailures: Int? = nil,
        maxFrameBytes: Int? = nil,
        ingestQueueCapacity: Int? = nil,
        redisURL: String? = nil,
        redisNamespace: String? = nil,
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        logger customLogger: Logger? = nil,
        _ body: @Sendable (TestServer) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.dataDirectory = directory
        configuration.databaseURL = databaseURL
        configuration.passwordHashing = .minimal
        configuration.logLevel = "error"
        if let maxLoginFailures { configuration.maxLoginFailures = maxLoginFailures }
        if let maxFrameBytes { configuration.maxFrameBytes = maxFrameBytes }
        if let ingestQueueCapacity { configuration.ingestQueueCapacity = ingestQueueCapacity }
        configuration.redisURL = redisURL
        // The test Redis is shared by every test: a namespace of its own keeps each server's
        // keys and live events apart unless a test joins several servers into one cluster.
        configuration.redisNamespace = redisNamespace ?? "t" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        configure(&configuration)
        var logger = customLogger ?? Logger(label: "test")
        if customLogger == nil { logger.logLevel = .error }
        let clock = ManualWallClock(Timestamp(milliseconds: 1_800_000_000_000))
        let (portStream, portSink) = AsyncStream<Int>.makeStream()
        let app = try await buildApplication(configuration: configuration, logger: logger, clock: clock) { port in
            portSink.yield(port)
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = portStream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw TestFailure("server did not start") }
            return try await body(TestServer(port: port, dataDirectory: directory, clock: clock, configuration: configuration))
        }
    }

    /// A logged-in raw connection for a user created with `role` (admin uses the bootstrap account).
    func connect(as role: Role?) async throws -> RawWebSocket {
        guard let role else { return try await RawWebSocket.connect(url: url) }
        let admin = try await RawWebSocket.connect(url: url)
        _ = try await admin.call("auth.login", ["username": "admin", "password": .string(try adminPassword)]).get()
        if role == .admin { return admin }
        let name = "user-\(role.rawValue)"
        _ = try await admin.call("users.create", ["username": .string(name), "password": "correct horse", "role": .string(role.rawValue)])
        await admin.close()
        let socket = try await RawWebSocket.connect(url: url)
        _ = try await socket.call("auth.login", ["username": .string(name), "password": "correct horse"]).get()
        return socket
    }

    /// GET on the HTTP side; returns status and body.
    func get(_ path: String) async throws -> (Int, String) {
        try await HTTPProbe.get(host: "127.0.0.1", port: port, path: path)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
