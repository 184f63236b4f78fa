import AureusCore
import AureusStorage
import AureusTestSupport
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
import Testing

/// The two store implementations every store test runs against.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

typealias TestStore = any RunnableStore & _RawSQLExecuting & WebhookStore

/// A store under test plus a way to open a second, independent store on the same database,
/// which stands in for a second `aureusd` process.
struct StoreHarness: Sendable {
    let backend: Backend
    let store: TestStore
    let open: @Sendable () async throws -> TestStore

    /// Opens a second store on the same database (a second `aureusd` process), runs it beside
    /// `body`, then closes it.
    func withPeer(_ body: (TestStore) async throws -> Void) async throws {
        let peer = try await open()
        try await withRunning(peer) { try await body(peer) }
    }

    static let logger: Logger = {
        var logger = Logger(label: "aureus.storage.tests")
        // Warnings include postgres-nio's harmless "lease before run()" race at startup.
        logger.logLevel = .error
        return logger
    }()

    /// Opens a fresh, empty database for `backend`, migrates it (unless told not to), runs
    /// `body`, then closes and deletes everything.
    ///
    /// PostgreSQL comes from `AUREUS_TEST_DATABASE_URL` (a superuser URL); each call creates
    /// its own `aureus_t_<random>` database and drops it afterwards. Without the variable the
    /// test fails, unless `AUREUS_TEST_SKIP_POSTGRES=1` says to skip PostgreSQL on purpose.
    static func with(_ backend: Backend, migrate: Bool = true, _ body: (StoreHarness) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            let directory = try TemporaryDirectory(prefix: "aureus-store")
            defer { directory.remove() }
            let path = directory.file("aureus.sqlite")
            let open: @Sendable () async throws -> TestStore = {
                try await SQLiteStore(path: path, threadPool: .singleton, logger: logger)
            }
            try await running(backend, open: open, migrate: migrate, body)
        case .postgres:
            let environment = ProcessInfo.processInfo.environment
            guard let adminURL = environment["AUREUS_TEST_DATABASE_URL"], !adminURL.isEmpty else {
                if environment["AUREUS_TEST_SKIP_POSTGRES"] == "1" {
                    print("note: PostgreSQL case skipped (AUREUS_TEST_SKIP_POSTGRES=1)")
                    return
                }
                Issue.record(
                    "AUREUS_TEST_DATABASE_URL is not set: point it at a PostgreSQL superuser URL (make test does), or set AUREUS_TEST_SKIP_POSTGRES=1"
                )
                return
            }
            let name = "aureus_t_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            try await withAdmin(adminURL) { try await $0._executeRaw("CREATE DATABASE \(name)") }
            var url = try PostgresURL(adminURL)
            url.database = name
            let storeURL = url
            let open: @Sendable () async throws -> TestStore = { PostgresStore(url: storeURL, logger: logger) }
            do {
                try await running(backend, open: open, migrate: migrate, body)
            } catch {
                try? await withAdmin(adminURL) { try await $0._executeRaw("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
                throw error
            }
            try await withAdmin(adminURL) { try await $0._executeRaw("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
    }

    private static func withAdmin(_ url: String, _ body: (PostgresStore) async throws -> Void) async throws {
        let admin = try PostgresStore(url: url, logger: logger)
        try await withRunning(admin) { try await body(admin) }
    }

    private static func running(
        _ backend: Backend,
        open: @escaping @Sendable () async throws -> TestStore,
        migrate: Bool,
        _ body: (StoreHarness) async throws -> Void
    ) async throws {
        let store = try await open()
        let harness = StoreHarness(backend: backend, store: store, open: open)
        try await withRunning(store) {
            if migrate { try await store.migrate() }
            try await body(harness)
        }
    }
}

/// Runs `store.run()` beside `body` (PostgreSQL's pool needs it), then closes and stops it.
func withRunning(_ store: some RunnableStore, _ body: () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await store.run() }
        do {
            try await body()
        } catch {
            await store.close()
            group.cancelAll()
            throw error
        }
        await store.close()
        group.cancelAll()
    }
}
