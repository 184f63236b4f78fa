import AureusProtocol

/// One approval request as stored: the request, its state and everything decided about it.
///
/// `version` is the optimistic-concurrency counter: every update names the version it read and
/// the store refuses the write when another writer (another connection, another `aureusd`) got
/// there first. The caller reloads and feeds the state machine again, so two approvers racing
/// for the last approval can never both count, whichever process they reached.
public struct ApprovalRecord: Sendable, Hashable {
    public var request: ApprovalRequest
    public var status: ApprovalStatus
    /// Accepted decisions in arrival order.
    public var decisions: [ApprovalDecision]
    public var version: Int64
    public var updatedAt: Timestamp
    public var token: String?
    public var tokenExpiresAt: Timestamp?
    public var revokedBy: String?
    public var revokeReason: String?

    public init(
        request: ApprovalRequest,
        status: ApprovalStatus,
        decisions: [ApprovalDecision] = [],
        version: Int64 = 1,
        updatedAt: Timestamp,
        token: String? = nil,
        tokenExpiresAt: Timestamp? = nil,
        revokedBy: String? = nil,
        revokeReason: String? = nil
    ) {
        self.request = request
        self.status = status
        self.decisions = decisions
        self.version = version
        self.updatedAt = updatedAt
        self.token = token
        self.tokenExpiresAt = tokenExpiresAt
        self.revokedBy = revokedBy
        self.revokeReason = revokeReason
    }

    /// The state machine holding this record's request, status and decisions.
    public var machine: ApprovalStateMachine { ApprovalStateMachine(restoring: request, status: status, decisions: decisions) }
}

/// Filters for `listApprovals`; nil fields match everything.
public struct ApprovalQuery: Sendable, Hashable {
    public var status: ApprovalStatus?
    public var risk: RiskLevel?
    public var type: String?
    public var submitter: String?
    public var limit: Int

    public init(status: ApprovalStatus? = nil, risk: RiskLevel? = nil, type: String? = nil, submitter: String? = nil, limit: Int = 200) {
        self.status = status
        self.risk = risk
        self.type = type
        self.submitter = submitter
        self.limit = limit
    }
}

public enum ApproverKeyStatus: String, Sendable, Hashable, CaseIterable {
    case pending
    case confirmed
    case revoked
}

/// An approver's public key. Only `confirmed` keys verify decisions.
public struct ApproverKeyRecord: Sendable, Hashable {
    public var keyID: String
    public var username: String
    /// Standard base64 of the 32-byte Ed25519 public key.
    public var publicKey: String
    public var status: ApproverKeyStatus
    public var createdAt: Timestamp
    public var confirmedAt: Timestamp?
    public var confirmedBy: String?
    public var revokedAt: Timestamp?

    public init(
        keyID: String,
        username: String,
        publicKey: String,
        status: ApproverKeyStatus,
        createdAt: Timestamp,
        confirmedAt: Timestamp? = nil,
        confirmedBy: String? = nil,
        revokedAt: Timestamp? = nil
    ) {
        self.keyID = keyID
        self.username = username
        self.publicKey = publicKey
        self.status = status
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.confirmedBy = confirmedBy
        self.revokedAt = revokedAt
    }
}

/// A server token-signing public key. Private halves never reach the database: each `aureusd`
/// keeps its own in its data directory and publishes the public half here, so any instance (and
/// `GET /v1/public-keys`) can verify tokens any other instance signed.
public struct ServerKeyRecord: Sendable, Hashable {
    public var keyID: String
    public var publicKey: String
    public var validFrom: Timestamp
    public var retiredAt: Timestamp?

    public init(keyID: String, publicKey: String, validFrom: Timestamp, retiredAt: Timestamp? = nil) {
        self.keyID = keyID
        self.publicKey = publicKey
        self.validFrom = validFrom
        self.retiredAt = retiredAt
    }
}

/// Approval requests, decisions, approver keys and server public keys.
public protocol ApprovalStore: Sendable {
    /// - Throws: `StoreError(.conflict)` when the id exists.
    func insertApproval(_ record: ApprovalRecord) async throws
    func approval(id: String) async throws -> ApprovalRecord?
    /// Newest first.
    func listApprovals(_ query: ApprovalQuery) async throws -> [ApprovalRecord]
    /// Writes `record` (status, token, revoke fields, `version`, `updatedAt`) and appends
    /// `newDecision` in one transaction, only if the stored version is still `expectedVersion`.
    /// - Returns: false when another writer changed the request first (nothing was written).
    func updateApproval(_ record: ApprovalRecord, expectedVersion: Int64, newDecision: ApprovalDecision?) async throws -> Bool
    /// Ids of pending requests whose deadline is at or before `now`, oldest deadline first.
    func dueApprovals(now: Timestamp, limit: Int) async throws -> [String]

    /// - Throws: `StoreError(.conflict)` when the key (or the same public key) is registered already.
    func insertApproverKey(_ key: ApproverKeyRecord) async throws
    func approverKey(id: String) async throws -> ApproverKeyRecord?
    /// nil lists everyone's; ordered by creation.
    func listApproverKeys(username: String?) async throws -> [ApproverKeyRecord]
    /// - Throws: `StoreError(.notFound)` when no such key.
    func updateApproverKey(_ key: ApproverKeyRecord) async throws

    /// Inserts or replaces a server public key by id.
    func saveServerKey(_ key: ServerKeyRecord) async throws
    /// Oldest first.
    func serverKeys() async throws -> [ServerKeyRecord]
}
