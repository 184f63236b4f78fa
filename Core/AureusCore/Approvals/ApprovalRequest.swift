import AureusProtocol

/// A submitted approval request, as the state machine sees it.
///
/// The server fills in `risk`, `rule` and `requiredApprovals` from the policy at submission time and
/// freezes them: a later policy reload never changes the quorum of a request already pending.
/// `payloadSHA256` (lowercase hex of SHA-256 over the canonical JSON payload) is what approvers sign
/// and what the approval token binds, so an approved request cannot be swapped for another payload.
public struct ApprovalRequest: Sendable, Hashable {
    public var id: String
    public var type: String
    public var payload: JSONValue
    public var payloadSHA256: String
    public var reason: String
    /// The user id of the submitter, who may never approve this request.
    public var submitter: String
    public var risk: RiskLevel
    /// The policy rule that set `risk`; nil when the default level applied.
    public var rule: String?
    /// Distinct approvals needed; 0 means auto-approved at submission.
    public var requiredApprovals: Int
    public var submittedAt: Timestamp
    public var expiresAt: Timestamp

    public init(
        id: String,
        type: String,
        payload: JSONValue,
        payloadSHA256: String,
        reason: String,
        submitter: String,
        risk: RiskLevel,
        rule: String?,
        requiredApprovals: Int,
        submittedAt: Timestamp,
        expiresAt: Timestamp
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
        self.submittedAt = submittedAt
        self.expiresAt = expiresAt
    }

    /// The request as the policy assessed it: risk, rule, quorum and expiry come from `assessment`.
    ///
    /// `payloadSHA256` must be `SHA-256(CanonicalJSON.encode(payload))` in lowercase hex; Core does not
    /// hash (no C), so the caller passes the digest computed by the crypto adapter.
    public init(
        id: String,
        type: String,
        payload: JSONValue,
        payloadSHA256: String,
        reason: String,
        submitter: String,
        assessment: PolicyAssessment,
        submittedAt: Timestamp
    ) {
        self.init(
            id: id,
            type: type,
            payload: payload,
            payloadSHA256: payloadSHA256,
            reason: reason,
            submitter: submitter,
            risk: assessment.risk,
            rule: assessment.rule,
            requiredApprovals: assessment.requiredApprovals,
            submittedAt: submittedAt,
            expiresAt: submittedAt.adding(milliseconds: assessment.ttlSeconds * 1000)
        )
    }
}
