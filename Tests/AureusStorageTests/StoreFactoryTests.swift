import AureusCore
import AureusStorage
import AureusTestSupport
import Foundation
import NIOPosix
import Testing

@Suite("StoreFactory")
struct StoreFactoryTests {
    @Test("without a URL it opens SQLite in a new 0700 data directory")
    func opensSQLite() async throws {
        let parent = try TemporaryDirectory(prefix: "aureus-factory")
        defer { parent.remove() }
        let dataDirectory = parent.file("nested/data")
        let store = try await StoreFactory.open(databaseURL: nil, dataDirectory: dataDirectory, threadPool: .singleton, logger: StoreHarness.logger)
        #expect(store is SQLiteStore)
        try await withRunning(store) {
            try await store.migrate()
            try await store.ping()
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: dataDirectory)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(FileManager.default.fileExists(atPath: dataDirectory + "/" + StoreFactory.sqliteFileName))
    }

    @Test("with a URL it picks PostgreSQL; an unreachable server is unavailable, not a hang")
    func picksPostgres() async throws {
        let store = try await StoreFactory.open(
            databaseURL: "postgres://aureus:secret@127.0.0.1:1/aureus",
            dataDirectory: "/nonexistent",
            threadPool: .singleton,
            logger: StoreHarness.logger
        )
        let postgres = try #require(store as? PostgresStore)
        try await withRunning(postgres) {
            await StoreTests.expectStoreError(.unavailable) { try await postgres.ping(timeout: .milliseconds(500)) }
        }
    }

    @Test("a malformed URL is rejected")
    func malformedURL() async throws {
        await StoreTests.expectStoreError(.unavailable) {
            _ = try await StoreFactory.open(databaseURL: "mysql://x", dataDirectory: "/tmp", threadPool: .singleton, logger: StoreHarness.logger)
        }
    }
}
