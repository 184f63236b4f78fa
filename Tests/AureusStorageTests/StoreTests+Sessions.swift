import AureusCore
import AureusProtocol
import AureusStorage
import Testing

extension StoreTests {
    @Test("sessions: create, get, extend, delete, delete per user, purge", arguments: Backend.allCases)
    func sessions(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let erin = try await store.createUser(Self.newUser("erin"))
            let frank = try await store.createUser(Self.newUser("frank"))
            func session(_ hash: String, _ user: UserRecord, expires: Int64) -> SessionRecord {
                SessionRecord(tokenHash: hash, userID: user.id, createdAt: Timestamp(milliseconds: 100), expiresAt: Timestamp(milliseconds: expires))
            }
            try await store.createSession(session("a1", erin, expires: 1000))
            try await store.createSession(session("a2", erin, expires: 5000))
            try await store.createSession(session("b1", frank, expires: 2000))
            try await store.createSession(session("b2", frank, expires: 9000))
            #expect(try await store.session(tokenHash: "a1") == session("a1", erin, expires: 1000))
            #expect(try await store.session(tokenHash: "zz") == nil)
            await Self.expectStoreError(.conflict) { try await store.createSession(session("a1", frank, expires: 1)) }

            try await store.extendSession(tokenHash: "a1", expiresAt: Timestamp(milliseconds: 7000))
            #expect(try await store.session(tokenHash: "a1")?.expiresAt.milliseconds == 7000)
            try await store.extendSession(tokenHash: "unknown", expiresAt: Timestamp(milliseconds: 1))

            try await store.deleteSession(tokenHash: "a2")
            #expect(try await store.session(tokenHash: "a2") == nil)
            #expect(try await store.purgeExpiredSessions(now: Timestamp(milliseconds: 2500)) == 1)
            #expect(try await store.session(tokenHash: "b1") == nil)
            #expect(try await store.session(tokenHash: "b2") != nil)
            #expect(try await store.purgeExpiredSessions(now: Timestamp(milliseconds: 2500)) == 0)

            try await store.deleteSessions(userID: frank.id)
            #expect(try await store.session(tokenHash: "b2") == nil)
            #expect(try await store.session(tokenHash: "a1") != nil)
        }
    }

    @Test("a session for a missing user is rejected", arguments: Backend.allCases)
    func sessionForeignKey(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let orphan = SessionRecord(tokenHash: "x", userID: 12345, createdAt: Timestamp(milliseconds: 0), expiresAt: Timestamp(milliseconds: 1))
            await Self.expectStoreError(.notFound) { try await harness.store.createSession(orphan) }
        }
    }
}
