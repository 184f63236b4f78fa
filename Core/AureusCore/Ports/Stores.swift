import AureusProtocol

/// Schema and health of a store. Every adapter applies the same numbered migrations.
public protocol StoreLifecycle: Sendable {
    /// Applies pending migrations; idempotent. Throws `.migration` if the stored schema is newer.
    func migrate() async throws
    /// The highest applied migration, 0 on an empty database.
    func schemaVersion() async throws -> Int
    /// The number of migrations this binary knows; `/ready` needs `schemaVersion() == latest`.
    var latestSchemaVersion: Int { get }
    /// Closes connections. The store is unusable afterwards.
    func close() async
}

public protocol UserStore: Sendable {
    /// - Throws: `StoreError(.conflict)` when the username exists.
    func createUser(_ user: NewUser) async throws -> UserRecord
    func user(named username: String) async throws -> UserRecord?
    func user(id: Int64) async throws -> UserRecord?
    /// Ordered by username.
    func listUsers() async throws -> [UserRecord]
    func userCount() async throws -> Int
    /// - Throws: `StoreError(.notFound)` when no such user.
    func setRole(userID: Int64, role: Role) async throws
    func setDisabled(userID: Int64, disabled: Bool) async throws
    func setPasswordHash(userID: Int64, passwordHash: String) async throws
}

public protocol SessionStore: Sendable {
    func createSession(_ session: SessionRecord) async throws
    func session(tokenHash: String) async throws -> SessionRecord?
    /// Slides the expiry forward. No-op for an unknown token.
    func extendSession(tokenHash: String, expiresAt: Timestamp) async throws
    func deleteSession(tokenHash: String) async throws
    /// Ends every session of a user (disable, password change).
    func deleteSessions(userID: Int64) async throws
    /// Removes sessions that expired before `now`; returns how many.
    func purgeExpiredSessions(now: Timestamp) async throws -> Int
}

public protocol APITokenStore: Sendable {
    func createAPIToken(_ token: NewAPIToken) async throws -> APITokenRecord
    func apiToken(tokenHash: String) async throws -> APITokenRecord?
    func apiToken(id: Int64) async throws -> APITokenRecord?
    /// nil lists every user's tokens.
    func listAPITokens(userID: Int64?) async throws -> [APITokenRecord]
    /// - Returns: false when no such token.
    func revokeAPIToken(id: Int64) async throws -> Bool
}

/// The append-only, hash-chained audit log.
public protocol AuditStore: Sendable {
    /// Appends one event. The adapter serialises appends in the database (not in memory), reads
    /// the previous hash and seals the row with `AuditChain.seal` in the same transaction, so
    /// several processes sharing one database still produce one valid chain.
    func appendAudit(_ draft: AuditDraft) async throws -> AuditEvent
    /// Newest first, filtered; see `AuditQuery`.
    func auditTail(_ query: AuditQuery) async throws -> [AuditEvent]
    /// Oldest first, `seq > afterSeq`, at most `limit` rows: the verifier's walk.
    func auditRange(afterSeq: Int64, limit: Int) async throws -> [AuditEvent]
}

/// Everything the Foundation server needs from storage.
public typealias AureusStore = StoreLifecycle & UserStore & SessionStore & APITokenStore & AuditStore & WebhookStore & ApprovalStore
    & SpikeSummaryStore & SharedSecretStore
