import AureusCore
import AureusProtocol
import AureusStorage
import Testing

extension StoreTests {
    @Test("API tokens: create, look up, list, revoke", arguments: Backend.allCases)
    func apiTokens(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let gina = try await store.createUser(Self.newUser("gina", role: .admin))
            let hank = try await store.createUser(Self.newUser("hank"))
            func token(_ name: String, _ user: UserRecord, role: Role) -> NewAPIToken {
                NewAPIToken(
                    userID: user.id,
                    name: name,
                    role: role,
                    tokenHash: "hash-\(name)",
                    createdAt: Timestamp(milliseconds: 10),
                    expiresAt: Timestamp(milliseconds: 20)
                )
            }
            let ci = try await store.createAPIToken(token("ci", gina, role: .analyst))
            let backup = try await store.createAPIToken(token("backup", gina, role: .viewer))
            let script = try await store.createAPIToken(token("script", hank, role: .viewer))
            #expect(ci.name == "ci" && ci.role == .analyst && ci.userID == gina.id && !ci.revoked && ci.expiresAt.milliseconds == 20)
            #expect(try await store.apiToken(tokenHash: "hash-ci") == ci)
            #expect(try await store.apiToken(id: script.id) == script)
            #expect(try await store.apiToken(tokenHash: "nope") == nil)
            #expect(try await store.listAPITokens(userID: gina.id) == [ci, backup])
            #expect(try await store.listAPITokens(userID: nil).map(\.name) == ["ci", "backup", "script"])
            await Self.expectStoreError(.conflict) { _ = try await store.createAPIToken(token("ci", hank, role: .viewer)) }

            #expect(try await store.revokeAPIToken(id: backup.id))
            #expect(try await store.apiToken(id: backup.id)?.revoked == true)
            #expect(try await store.apiToken(id: ci.id)?.revoked == false)
            #expect(try await !store.revokeAPIToken(id: script.id + 1000))
        }
    }
}
