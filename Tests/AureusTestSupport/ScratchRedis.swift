import Foundation
import Glibc

/// A redis-server of a test's own on a free loopback port, for tests that stop and restart
/// Redis (the shared one from `make test` must stay up for everyone else).
public final class ScratchRedis: Sendable {
    public let port: Int
    private let directory: String

    public var url: String { "redis://127.0.0.1:\(port)" }

    /// Starts redis-server on a free port and waits until it answers PING.
    public init() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-redis-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = try FreePort.find()
        try await start()
    }

    /// Starts (again) on the same port.
    public func start() async throws {
        let arguments = [
            "redis-server", "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "yes",
            "--dir", directory, "--pidfile", directory + "/redis.pid", "--logfile", directory + "/redis.log",
        ]
        // `Spawn`, not `Process`: see its note on waiting for children from a test's task.
        let status = try await offPool { Spawn.runAndWait(arguments) }
        guard status == 0 else { throw ShellError("redis-server exited \(status)") }
        let port = self.port
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if Self.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ShellError("redis-server did not answer on 127.0.0.1:\(port)")
    }

    /// Whether something accepts TCP connections on the loopback port (redis-server listens
    /// only once it is ready to answer).
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = FreePort.loopback(port: port)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// Kills the server outright (SIGKILL), as a crash or an outage would.
    public func kill() async {
        guard let text = try? String(contentsOfFile: directory + "/redis.pid", encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return }
        _ = Glibc.kill(pid, SIGKILL)
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline, Glibc.kill(pid, 0) == 0 { try? await Task.sleep(for: .milliseconds(20)) }
        try? FileManager.default.removeItem(atPath: directory + "/redis.pid")
    }

    public func stop() async {
        await kill()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
