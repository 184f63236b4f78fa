import AureusProtocol

/// Approve or reject; the wire and canonical spelling is the raw value.
public enum ApprovalVerdict: String, Sendable, Hashable, Codable, CaseIterable {
    case approve
    case reject
}

/// One approver's signed decision on one request.
///
/// The server verifies `signature` over `CanonicalDecision.bytes(for:)` against the approver's
/// confirmed key *before* feeding the decision to `ApprovalStateMachine`; the machine itself checks
/// only the rules (who, when, why), so it stays free of crypto.
public struct ApprovalDecision: Sendable, Hashable {
    public var requestID: String
    /// The payload hash the approver saw and signed; must equal the request's.
    public var payloadSHA256: String
    public var verdict: ApprovalVerdict
    public var approverID: String
    /// Required for rejections and for high-risk requests; nil or blank means "none given".
    public var reason: String?
    /// The time the client put in the signed bytes.
    public var time: Timestamp
    /// Ed25519 signature (64 bytes) over `CanonicalDecision.bytes(for: self)`.
    public var signature: [UInt8]

    public init(
        requestID: String,
        payloadSHA256: String,
        verdict: ApprovalVerdict,
        approverID: String,
        reason: String?,
        time: Timestamp,
        signature: [UInt8]
    ) {
        self.requestID = requestID
        self.payloadSHA256 = payloadSHA256
        self.verdict = verdict
        self.approverID = approverID
        self.reason = reason
        self.time = time
        self.signature = signature
    }

    /// The reason with surrounding whitespace removed, or nil when none was really given.
    public var trimmedReason: String? {
        guard let reason else { return nil }
        let trimmed = reason.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
