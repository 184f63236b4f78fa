import AureusRedis
import Foundation
import Logging
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real redis-server these tests talk to, named by `AUREUS_TEST_REDIS_URL`
/// (`scripts/test-services.sh start DIR` starts one and writes the variable to `DIR/env`).
///
/// A missing URL fails the tests, so CI cannot pass by silently testing nothing; set
/// `AUREUS_TEST_SKIP_REDIS=1` to skip them on purpose.
enum RedisTestServer {
    static let isEnabled = ProcessInfo.processInfo.environment["AUREUS_TEST_SKIP_REDIS"] != "1"

    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "AUREUS_TEST_REDIS_URL is not set: run `scripts/test-services.sh start DIR && . DIR/env`, or set AUREUS_TEST_SKIP_REDIS=1"
        }
    }

    static func configuration() throws -> RedisConfiguration {
        guard let url = ProcessInfo.processInfo.environment["AUREUS_TEST_REDIS_URL"], !url.isEmpty else { throw MissingServer() }
        var configuration = try RedisConfiguration(url: url)
        configuration.commandTimeout = .seconds(5)
        return configuration
    }

    static func connection() throws -> RedisConnection {
        RedisConnection(configuration: try configuration(), logger: logger)
    }

    static let logger: Logger = {
        var logger = Logger(label: "aureus.redis.tests")
        logger.logLevel = .critical
        return logger
    }()

    /// A key prefix no other test (or earlier run) uses.
    static func uniqueName(_ base: String) -> String {
        "test:\(base):\(UInt64.random(in: 1...UInt64.max))"
    }

    /// A loopback port with nothing listening: bound to port 0 to get a free one, then closed.
    static func closedPortConfiguration() throws -> RedisConfiguration {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let port: UInt16 = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(fd, raw, length) == 0, getsockname(fd, raw, &length) == 0 else { return 0 }
                return UInt16(bigEndian: pointer.pointee.sin_port)
            }
        }
        #expect(port != 0)
        return RedisConfiguration(host: "127.0.0.1", port: Int(port), connectTimeout: .milliseconds(500), commandTimeout: .milliseconds(500))
    }
}

/// Polls `condition` until it holds or `timeout` passes; for state that changes on another
/// clock (Redis key expiry, a subscriber reconnecting), where a fixed sleep would be flaky.
func eventually(
    timeout: Duration = .seconds(5),
    interval: Duration = .milliseconds(10),
    _ condition: () async throws -> Bool
) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: interval)
    }
    return try await condition()
}

struct TimedOut: Error {}

/// Runs `operation`, failing with ``TimedOut`` if it takes longer than `timeout`.
func withTimeout<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimedOut()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
