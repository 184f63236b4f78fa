import Foundation

/// The Redis `make test` starts (`AUREUS_TEST_REDIS_URL`), for tests that run whole servers on it.
public enum TestRedis {
    /// The URL, or nil when the tests run without Redis on purpose (`AUREUS_TEST_SKIP_REDIS=1`).
    /// Missing without that flag is an error, not a skip.
    public static func url() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["AUREUS_TEST_REDIS_URL"], !url.isEmpty { return url }
        if environment["AUREUS_TEST_SKIP_REDIS"] == "1" { return nil }
        throw ShellError("AUREUS_TEST_REDIS_URL is not set: run the tests through `make test`, or set AUREUS_TEST_SKIP_REDIS=1")
    }
}
