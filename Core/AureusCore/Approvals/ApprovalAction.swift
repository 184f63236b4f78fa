import AureusProtocol

/// What the adapter must do after `ApprovalStateMachine.receive(_:now:)`: persist `state`, audit, and
/// answer the caller according to the case.
public enum ApprovalAction: Sendable, Hashable {
    /// Nothing changed (e.g. an expiry check before the deadline).
    case none
    /// The request is pending: stored, or an approval counted without reaching the quorum yet.
    case pending(approvals: Int, required: Int)
    /// The quorum was reached (or the level auto-approves): issue an approval token from the grant.
    case approved(ApprovalGrant)
    /// A rejection decided the request; no token is issued.
    case rejected(ApprovalDecision)
    /// The deadline passed; the request is now expired (also returned to a decision that arrived late).
    case expired
    /// An admin revoked the request; any token issued for it must now fail verification as revoked.
    case revoked(by: String, reason: String?)
    /// The event broke a rule and changed nothing.
    case refused(ApprovalRefusal)
}

/// The facts an approval token is built from: the request and the approvals that formed the quorum.
public struct ApprovalGrant: Sendable, Hashable {
    public var request: ApprovalRequest
    /// The distinct approvers' decisions in the order they arrived; empty for auto-approval.
    public var approvals: [ApprovalDecision]
    public var approvedAt: Timestamp

    public init(request: ApprovalRequest, approvals: [ApprovalDecision], approvedAt: Timestamp) {
        self.request = request
        self.approvals = approvals
        self.approvedAt = approvedAt
    }

    public var isAutomatic: Bool { approvals.isEmpty }
}

/// Why an event was refused; `description` is safe to show to the caller.
public enum ApprovalRefusal: Sendable, Hashable, CustomStringConvertible {
    /// A decision or revoke arrived before any request was submitted to this machine.
    case notSubmitted
    /// A second `submitted` for a machine that already holds a request.
    case alreadySubmitted
    /// The decision names another request.
    case wrongRequest(expected: String, got: String)
    /// The approver signed a different payload hash than the request's.
    case payloadMismatch
    /// The submitter tried to decide their own request.
    case selfApproval
    /// This approver already decided this request.
    case duplicateDecision(approverID: String)
    /// A rejection, or any decision on a high-risk request, came without a reason.
    case reasonRequired(String)
    /// The request is already approved, rejected, expired or revoked.
    case notPending(ApprovalStatus)

    public var description: String {
        switch self {
        case .notSubmitted: "no such request"
        case .alreadySubmitted: "the request was already submitted"
        case .wrongRequest(let expected, let got): "decision is for request '\(got)', not '\(expected)'"
        case .payloadMismatch: "the signed payload hash does not match the request's payload"
        case .selfApproval: "submitters cannot decide their own request"
        case .duplicateDecision(let approver): "approver '\(approver)' already decided this request"
        case .reasonRequired(let why): "a reason is required \(why)"
        case .notPending(let status): "the request is already \(status.rawValue)"
        }
    }
}
