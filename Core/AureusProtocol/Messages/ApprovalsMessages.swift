/// Params and results of `approvals.*` and `policy.*`.

/// One approver's decision as clients see it (the signature travels in the token, not here).
public struct ApprovalDecisionInfo: Codable, Sendable, Hashable {
    public var approverID: String
    /// `approve` or `reject`.
    public var decision: String
    public var reason: String?
    public var time: Timestamp

    public init(approverID: String, decision: String, reason: String?, time: Timestamp) {
        self.approverID = approverID
        self.decision = decision
        self.reason = reason
        self.time = time
    }
}

/// An approval request with its current state: what `approvals.get` returns, what `approvals.list`
/// lists and what the `approvals` topic carries on every change.
public struct ApprovalInfo: Codable, Sendable, Hashable {
    public var id: String
    public var type: String
    public var payload: JSONValue
    /// Lowercase hex SHA-256 of the canonical JSON payload: what approvers sign.
    public var payloadSHA256: String
    public var reason: String
    public var submitter: String
    /// `low`, `medium` or `high`.
    public var risk: String
    /// The policy rule that set the risk; nil when a default applied.
    public var rule: String?
    public var requiredApprovals: Int
    /// Approvals counted so far.
    public var approvals: Int
    /// `pending`, `approved`, `rejected`, `expired` or `revoked`.
    public var status: String
    public var submittedAt: Timestamp
    public var expiresAt: Timestamp
    public var updatedAt: Timestamp
    public var decisions: [ApprovalDecisionInfo]
    /// The signed approval token, once approved (cleared from topic events; fetch with `approvals.get`).
    public var token: String?
    public var tokenExpiresAt: Timestamp?
    public var revokedBy: String?
    public var revokeReason: String?

    public init(
        id: String,
        type: String,
        payload: JSONValue,
        payloadSHA256: String,
        reason: String,
        submitter: String,
        risk: String,
        rule: String?,
        requiredApprovals: Int,
        approvals: Int,
        status: String,
        submittedAt: Timestamp,
        expiresAt: Timestamp,
        updatedAt: Timestamp,
        decisions: [ApprovalDecisionInfo],
        token: String?,
        tokenExpiresAt: Timestamp?,
        revokedBy: String?,
        revokeReason: String?
    ) {
        self.id = id
        self.type = type
        self.payload = payload
        self.payloadSHA256 = payloadSHA256
        self.reason = reason
        self.submitter = submitter
        self.risk = risk
        self.rule = rule
        self.requiredApprovals = requiredApprovals
        self.approvals = approvals
        self.status = status
        self.submittedAt = submittedAt
        self.expiresAt = expiresAt
        self.updatedAt = updatedAt
        self.decisions = decisions
        self.token = token
        self.tokenExpiresAt = tokenExpiresAt
        self.revokedBy = revokedBy
        self.revokeReason = revokeReason
    }
}

public struct ApprovalsSubmitParams: Codable, Sendable, Hashable {
    /// A type declared in the policy (`[types.NAME]`).
    public var type: String
    /// A JSON object valid against the type's schema.
    public var payload: JSONValue
    /// Why the change is needed; shown to approvers.
    public var reason: String

    public init(type: String, payload: JSONValue, reason: String) {
        self.type = type
        self.payload = payload
        self.reason = reason
    }
}

public struct ApprovalsListParams: Codable, Sendable, Hashable {
    /// Only this status; omitted: every status.
    public var status: String?
    public var risk: String?
    public var type: String?
    /// Only requests the caller submitted.
    public var mine: Bool?
    /// At most this many, newest first; default 200, at most 1000.
    public var limit: Int?

    public init(status: String? = nil, risk: String? = nil, type: String? = nil, mine: Bool? = nil, limit: Int? = nil) {
        self.status = status
        self.risk = risk
        self.type = type
        self.mine = mine
        self.limit = limit
    }
}

public struct ApprovalsListResult: Codable, Sendable, Hashable {
    public var approvals: [ApprovalInfo]
    public init(approvals: [ApprovalInfo]) { self.approvals = approvals }
}

public struct ApprovalIDParams: Codable, Sendable, Hashable {
    public var id: String
    public init(id: String) { self.id = id }
}

/// An approver's signed decision. `signature` is standard base64 of the Ed25519 signature over
/// the canonical decision bytes (docs/approvals.md), made with the caller's confirmed key.
public struct ApprovalsDecideParams: Codable, Sendable, Hashable {
    public var id: String
    /// `approve` or `reject`.
    public var decision: String
    public var reason: String?
    /// The time inside the signed bytes; must be within five minutes of the server's clock.
    public var time: Timestamp
    /// The payload hash the approver saw (must equal the request's).
    public var payloadSHA256: String
    public var signature: String

    public init(id: String, decision: String, reason: String?, time: Timestamp, payloadSHA256: String, signature: String) {
        self.id = id
        self.decision = decision
        self.reason = reason
        self.time = time
        self.payloadSHA256 = payloadSHA256
        self.signature = signature
    }
}

public struct ApprovalsRevokeParams: Codable, Sendable, Hashable {
    public var id: String
    public var reason: String?
    public init(id: String, reason: String? = nil) {
        self.id = id
        self.reason = reason
    }
}

public struct PolicyCheckParams: Codable, Sendable, Hashable {
    public var type: String
    public var payload: JSONValue
    public init(type: String, payload: JSONValue) {
        self.type = type
        self.payload = payload
    }
}

/// The policy's verdict on a request, without submitting it.
public struct PolicyCheckResult: Codable, Sendable, Hashable {
    public var type: String
    public var risk: String
    public var rule: String?
    public var requiredApprovals: Int
    public var autoApproved: Bool
    public var ttlSeconds: Int64
    /// Which policy load answered (1 = the one loaded at start-up).
    public var generation: Int

    public init(type: String, risk: String, rule: String?, requiredApprovals: Int, autoApproved: Bool, ttlSeconds: Int64, generation: Int) {
        self.type = type
        self.risk = risk
        self.rule = rule
        self.requiredApprovals = requiredApprovals
        self.autoApproved = autoApproved
        self.ttlSeconds = ttlSeconds
        self.generation = generation
    }
}

public struct PolicyReloadResult: Codable, Sendable, Hashable {
    public var generation: Int
    public var types: [String]
    public var rules: [String]
    /// Where the policy came from: the file path, or `built-in default` when the file is absent.
    public var source: String

    public init(generation: Int, types: [String], rules: [String], source: String) {
        self.generation = generation
        self.types = types
        self.rules = rules
        self.source = source
    }
}
