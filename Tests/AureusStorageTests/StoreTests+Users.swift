import AureusCore
import AureusProtocol
import AureusStorage
import Testing

extension StoreTests {
    @Test("users: create, look up, list in order, count", arguments: Backend.allCases)
    func usersCRUD(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let carol = try await store.createUser(Self.newUser("carol", role: .approver))
            let bob = try await store.createUser(Self.newUser("bob", role: .analyst, at: 42))
            #expect(carol.id != bob.id)
            #expect(bob.username == "bob" && bob.role == .analyst && !bob.disabled && bob.createdAt.milliseconds == 42)
            #expect(try await store.user(named: "bob") == bob)
            #expect(try await store.user(id: carol.id) == carol)
            #expect(try await store.user(named: "nobody") == nil)
            #expect(try await store.user(id: 999_999) == nil)
            #expect(try await store.listUsers().map(\.username) == ["bob", "carol"])
            #expect(try await store.userCount() == 2)
        }
    }

    @Test("a duplicate username is a conflict that names it", arguments: Backend.allCases)
    func duplicateUsername(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            _ = try await harness.store.createUser(Self.newUser("bob"))
            let error = await Self.expectStoreError(.conflict) { _ = try await harness.store.createUser(Self.newUser("bob", role: .admin)) }
            #expect(error?.reason == "username 'bob' already exists")
            #expect(try await harness.store.userCount() == 1)
        }
    }

    @Test("users: role, disabled and password updates; unknown id is notFound", arguments: Backend.allCases)
    func userUpdates(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let dave = try await store.createUser(Self.newUser("dave"))
            try await store.setRole(userID: dave.id, role: .admin)
            try await store.setDisabled(userID: dave.id, disabled: true)
            try await store.setPasswordHash(userID: dave.id, passwordHash: "$argon2id$new")
            let updated = try #require(try await store.user(id: dave.id))
            #expect(updated.role == .admin && updated.disabled && updated.passwordHash == "$argon2id$new")
            try await store.setDisabled(userID: dave.id, disabled: false)
            #expect(try await store.user(id: dave.id)?.disabled == false)
            await Self.expectStoreError(.notFound) { try await store.setRole(userID: dave.id + 100, role: .viewer) }
            await Self.expectStoreError(.notFound) { try await store.setDisabled(userID: dave.id + 100, disabled: true) }
            await Self.expectStoreError(.notFound) { try await store.setPasswordHash(userID: dave.id + 100, passwordHash: "x") }
        }
    }
}
