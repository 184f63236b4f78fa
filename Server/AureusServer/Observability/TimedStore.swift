import AureusCore
import AureusProtocol
import AureusStorage
import ServiceLifecycle

/// Wraps the store so every operation's latency lands in `aureus_store_operation_duration_seconds`
/// by operation name, whichever backend is behind it.
struct TimedStore: AureusStore, StoreHealth, Service {
    let base: any RunnableStore
    let metrics: ServerMetrics

    private func timed<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        defer { metrics.storeOperation(name, duration: ContinuousClock.now - started) }
        return try await body()
    }

    func run() async throws { try await base.run() }
    func ping() async throws { try await timed("ping") { try await base.ping() } }
    func migrate() async throws { try await timed("migrate") { try await base.migrate() } }
    func schemaVersion() async throws -> Int { try await timed("schema_version") { try await base.schemaVersion() } }
    var latestSchemaVersion: Int { base.latestSchemaVersion }
    func close() async { await base.close() }

    func createUser(_ user: NewUser) async throws -> UserRecord { try await timed("user.create") { try await base.createUser(user) } }
    func user(named username: String) async throws -> UserRecord? { try await timed("user.get") { try await base.user(named: username) } }
    func user(id: Int64) async throws -> UserRecord? { try await timed("user.get") { try await base.user(id: id) } }
    func listUsers() async throws -> [UserRecord] { try await timed("user.list") { try await base.listUsers() } }
    func userCount() async throws -> Int { try await timed("user.count") { try await base.userCount() } }
    func setRole(userID: Int64, role: Role) async throws { try await timed("user.update") { try await base.setRole(userID: userID, role: role) } }
    func setDisabled(userID: Int64, disabled: Bool) async throws {
        try await timed("user.update") { try await base.setDisabled(userID: userID, disabled: disabled) }
    }
    func setPasswordHash(userID: Int64, passwordHash: String) async throws {
        try await timed("user.update") { try await base.setPasswordHash(userID: userID, passwordHash: passwordHash) }
    }

    func createSession(_ session: SessionRecord) async throws { try await timed("session.create") { try await base.createSession(session) } }
    func session(tokenHash: String) async throws -> SessionRecord? { try await timed("session.get") { try await base.session(tokenHash: tokenHash) } }
    func extendSession(tokenHash: String, expiresAt: Timestamp) async throws {
        try await timed("session.extend") { try await base.extendSession(tokenHash: tokenHash, expiresAt: expiresAt) }
    }
    func deleteSession(tokenHash: String) async throws { try await timed("session.delete") { try await base.deleteSession(tokenHash: tokenHash) } }
    func deleteSessions(userID: Int64) async throws { try await timed("session.delete") { try await base.deleteSessions(userID: userID) } }
    func purgeExpiredSessions(now: Timestamp) async throws -> Int {
        try await timed("session.purge") { try await base.purgeExpiredSessions(now: now) }
    }

    func createAPIToken(_ token: NewAPIToken) async throws -> APITokenRecord {
        try await timed("token.create") { try await base.createAPIToken(token) }
    }
    func apiToken(tokenHash: String) async throws -> APITokenRecord? {
        try await timed("token.get") { try await base.apiToken(tokenHash: tokenHash) }
    }
    func apiToken(id: Int64) async throws -> APITokenRecord? { try await timed("token.get") { try await base.apiToken(id: id) } }
    func listAPITokens(userID: Int64?) async throws -> [APITokenRecord] {
        try await timed("token.list") { try await base.listAPITokens(userID: userID) }
    }
    func revokeAPIToken(id: Int64) async throws -> Bool { try await timed("token.revoke") { try await base.revokeAPIToken(id: id) } }

    func appendAudit(_ draft: AuditDraft) async throws -> AuditEvent { try await timed("audit.append") { try await base.appendAudit(draft) } }
    func auditTail(_ query: AuditQuery) async throws -> [AuditEvent] { try await timed("audit.tail") { try await base.auditTail(query) } }
    func auditRange(afterSeq: Int64, limit: Int) async throws -> [AuditEvent] {
        try await timed("audit.range") { try await base.auditRange(afterSeq: afterSeq, limit: limit) }
    }

    func createSource(_ source: NewWebhookSource) async throws -> WebhookSourceRecord {
        try await timed("source.create") { try await base.createSource(source) }
    }
    func source(named name: String) async throws -> WebhookSourceRecord? { try await timed("source.get") { try await base.source(named: name) } }
    func listSources() async throws -> [WebhookSourceRecord] { try await timed("source.list") { try await base.listSources() } }
    func rotateSourceSecret(id: Int64, newSecret: String, previousExpiresAt: Timestamp) async throws {
        try await timed("source.update") { try await base.rotateSourceSecret(id: id, newSecret: newSecret, previousExpiresAt: previousExpiresAt) }
    }
    func setSourceDisabled(id: Int64, disabled: Bool) async throws {
        try await timed("source.update") { try await base.setSourceDisabled(id: id, disabled: disabled) }
    }
    func storeDeliveries(_ batch: [NewDelivery]) async throws -> [DeliveryOutcome] {
        try await timed("delivery.commit") { try await base.storeDeliveries(batch) }
    }
    func deliveryCount(sourceID: Int64?) async throws -> Int64 {
        try await timed("delivery.count") { try await base.deliveryCount(sourceID: sourceID) }
    }
    func hasDelivery(sourceID: Int64, eventID: String) async throws -> Bool {
        try await timed("delivery.get") { try await base.hasDelivery(sourceID: sourceID, eventID: eventID) }
    }
    func rawDelivery(sourceID: Int64, eventID: String) async throws -> [UInt8]? {
        try await timed("delivery.raw") { try await base.rawDelivery(sourceID: sourceID, eventID: eventID) }
    }

    func insertApproval(_ record: ApprovalRecord) async throws { try await timed("approval.insert") { try await base.insertApproval(record) } }
    func approval(id: String) async throws -> ApprovalRecord? { try await timed("approval.get") { try await base.approval(id: id) } }
    func listApprovals(_ query: ApprovalQuery) async throws -> [ApprovalRecord] {
        try await timed("approval.list") { try await base.listApprovals(query) }
    }
    func updateApproval(_ record: ApprovalRecord, expectedVersion: Int64, newDecision: ApprovalDecision?) async throws -> Bool {
        try await timed("approval.update") { try await base.updateApproval(record, expectedVersion: expectedVersion, newDecision: newDecision) }
    }
    func dueApprovals(now: Timestamp, limit: Int) async throws -> [String] {
        try await timed("approval.due") { try await base.dueApprovals(now: now, limit: limit) }
    }
    func insertApproverKey(_ key: ApproverKeyRecord) async throws { try await timed("approver_key.insert") { try await base.insertApproverKey(key) } }
    func approverKey(id: String) async throws -> ApproverKeyRecord? { try await timed("approver_key.get") { try await base.approverKey(id: id) } }
    func listApproverKeys(username: String?) async throws -> [ApproverKeyRecord] {
        try await timed("approver_key.list") { try await base.listApproverKeys(username: username) }
    }
    func updateApproverKey(_ key: ApproverKeyRecord) async throws { try await timed("approver_key.update") { try await base.updateApproverKey(key) } }
    func saveServerKey(_ key: ServerKeyRecord) async throws { try await timed("server_key.save") { try await base.saveServerKey(key) } }
    func serverKeys() async throws -> [ServerKeyRecord] { try await timed("server_key.list") { try await base.serverKeys() } }
}

extension TimedStore {
    func insertSpikeSummaries(_ rows: [SpikeSummaryRow]) async throws {
        try await timed("spike_summary.insert") { try await base.insertSpikeSummaries(rows) }
    }
}

extension TimedStore {
    func sharedSecret(named name: String, proposing proposed: [UInt8], now: Timestamp) async throws -> [UInt8] {
        try await timed("shared_secret.get") { try await base.sharedSecret(named: name, proposing: proposed, now: now) }
    }
}
