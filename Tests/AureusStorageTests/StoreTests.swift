import AureusCore
import AureusProtocol
import AureusStorage
import Testing

/// The store contract, run against SQLite and PostgreSQL alike. Each test gets its own empty
/// database (see `StoreHarness`); the concerns live in `StoreTests+*.swift`.
@Suite("Store")
struct StoreTests {
    static let digester = LibsodiumDigester()

    static func newUser(_ name: String, role: Role = .viewer, at millis: Int64 = 1_700_000_000_000) -> NewUser {
        NewUser(username: name, role: role, passwordHash: "$argon2id$v=19$m=65536,t=2,p=1$\(name)", createdAt: Timestamp(milliseconds: millis))
    }

    static func draft(_ index: Int, actor: String = "alice", action: String = "users.create") -> AuditDraft {
        AuditDraft(
            time: Timestamp(milliseconds: 1_700_000_000_000 + Int64(index) * 1000),
            actor: actor,
            role: .admin,
            action: action,
            target: "user:\(index)",
            summary: ["index": .int(Int64(index)), "nested": ["ok": true, "list": [1, "two", nil]]],
            outcome: "ok",
            requestID: "req-\(index)",
            clientAddress: "127.0.0.1"
        )
    }

    /// Expects `body` to throw a `StoreError` of `kind`, and returns it for further checks.
    @discardableResult
    static func expectStoreError(
        _ kind: StoreError.Kind,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async -> StoreError? {
        do {
            try await body()
            Issue.record("expected StoreError(\(kind)) but nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as StoreError {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected StoreError(\(kind)), got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}
