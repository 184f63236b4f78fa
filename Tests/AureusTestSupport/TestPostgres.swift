import Foundation

/// Fresh PostgreSQL databases for tests that run whole servers, on the server `make test`
/// starts (`AUREUS_TEST_DATABASE_URL`, a superuser URL). Created with `psql`, dropped after.
public enum TestPostgres {
    /// The superuser URL, or nil when the tests run without PostgreSQL on purpose
    /// (`AUREUS_TEST_SKIP_POSTGRES=1`).
    public static func adminURL() throws -> String? {
        try TestServiceURL.required("AUREUS_TEST_DATABASE_URL", skipFlag: "AUREUS_TEST_SKIP_POSTGRES")
    }

    /// Runs `body` with the URL of a new, empty database, then drops it (also on failure).
    public static func withDatabase<T: Sendable>(adminURL: String, _ body: (String) async throws -> T) async throws -> T {
        let name = "aureus_s_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try await Shell.runOffPool("psql", [adminURL, "-qc", "CREATE DATABASE \(name)"])
        let url = databaseURL(adminURL, name: name)
        do {
            let result = try await body(url)
            try? await Shell.runOffPool("psql", [adminURL, "-qc", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
            return result
        } catch {
            try? await Shell.runOffPool("psql", [adminURL, "-qc", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
            throw error
        }
    }

    /// `adminURL` with its database path replaced by `name`.
    static func databaseURL(_ adminURL: String, name: String) -> String {
        guard var components = URLComponents(string: adminURL) else { return adminURL }
        components.path = "/" + name
        return components.string ?? adminURL
    }
}
