/// The Redis `make test` starts (`AUREUS_TEST_REDIS_URL`), for tests that run whole servers on it.
public enum TestRedis {
    /// The URL, or nil when the tests run without Redis on purpose (`AUREUS_TEST_SKIP_REDIS=1`).
    public static func url() throws -> String? {
        try TestServiceURL.required("AUREUS_TEST_REDIS_URL", skipFlag: "AUREUS_TEST_SKIP_REDIS")
    }
}
