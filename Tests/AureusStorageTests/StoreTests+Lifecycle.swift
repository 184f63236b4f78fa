import AureusCore
import AureusStorage
import Testing

extension StoreTests {
    @Test("migrate is idempotent and reports the schema version", arguments: Backend.allCases)
    func migrationsAreIdempotent(_ backend: Backend) async throws {
        try await StoreHarness.with(backend, migrate: false) { harness in
            let store = harness.store
            #expect(store.latestSchemaVersion >= 1)
            #expect(try await store.schemaVersion() == 0)
            try await store.migrate()
            #expect(try await store.schemaVersion() == store.latestSchemaVersion)
            try await store.migrate()
            #expect(try await store.schemaVersion() == store.latestSchemaVersion)
            #expect(try await store.userCount() == 0)
        }
    }

    @Test("two processes migrating at once apply each migration once", arguments: Backend.allCases)
    func concurrentMigrations(_ backend: Backend) async throws {
        try await StoreHarness.with(backend, migrate: false) { harness in
            try await harness.withPeer { peer in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await harness.store.migrate() }
                    group.addTask { try await peer.migrate() }
                    try await group.waitForAll()
                }
            }
            #expect(try await harness.store.schemaVersion() == harness.store.latestSchemaVersion)
        }
    }

    @Test("a database newer than the binary is refused", arguments: Backend.allCases)
    func refusesNewerSchema(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let future = harness.store.latestSchemaVersion + 1
            try await harness.store._executeRaw("INSERT INTO schema_migrations (version, applied_at) VALUES (\(future), 0)")
            let error = await Self.expectStoreError(.migration) { try await harness.store.migrate() }
            #expect(error?.reason.contains("version \(future)") == true)
            #expect(try await harness.store.schemaVersion() == future)
        }
    }

    @Test("ping answers, and a closed store reports unavailable", arguments: Backend.allCases)
    func pingAndClose(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            try await harness.store.ping()
            await harness.store.close()
            await Self.expectStoreError(.unavailable) { _ = try await harness.store.userCount() }
            await Self.expectStoreError(.unavailable) { try await harness.store.ping() }
        }
    }
}
