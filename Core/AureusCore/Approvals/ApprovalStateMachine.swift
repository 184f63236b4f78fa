import AureusProtocol

/// The rules of one approval request as a value: quorum by distinct approvers, no self-approval,
/// one decision per approver, reasons for rejections and high risk, expiry, and revoke.
///
/// The store adapter loads the machine (`init(restoring:)`), feeds it one event under the row lock,
/// persists `status` and `decisions`, and performs the returned action. Two approvers racing are
/// serialised by that lock; whichever decision lands second sees the new status and is refused.
///
/// ```swift
/// var machine = ApprovalStateMachine()
/// _ = machine.receive(.submitted(request), now: t0)          // .pending(approvals: 0, required: 2)
/// _ = machine.receive(.decided(aliceApproves), now: t1)      // .pending(approvals: 1, required: 2)
/// if case .approved(let grant) = machine.receive(.decided(bobApproves), now: t2) { issueToken(grant) }
/// ```
/// - Important: Signatures are verified by the adapter before `.decided` is fed in; the machine
///   trusts that `decision.approverID` is the signer.
public struct ApprovalStateMachine: Sendable, Hashable {
    public private(set) var request: ApprovalRequest?
    /// nil until `submitted`.
    public private(set) var status: ApprovalStatus?
    /// Every accepted decision, in arrival order (approvals and the deciding rejection).
    public private(set) var decisions: [ApprovalDecision] = []

    public init() {}

    /// A machine for a request loaded from storage.
    public init(restoring request: ApprovalRequest, status: ApprovalStatus, decisions: [ApprovalDecision]) {
        self.request = request
        self.status = status
        self.decisions = decisions
    }

    /// Approvals counted toward the quorum so far.
    public var approvalCount: Int { decisions.count { $0.verdict == .approve } }

    public mutating func receive(_ event: ApprovalEvent, now: Timestamp) -> ApprovalAction {
        switch event {
        case .submitted(let newRequest): return submit(newRequest, now: now)
        case .decided(let decision): return decide(decision, now: now)
        case .expireCheck: return expireIfDue(now: now) ? .expired : .none
        case .revoked(let admin, let reason): return revoke(by: admin, reason: reason)
        }
    }

    private mutating func submit(_ newRequest: ApprovalRequest, now: Timestamp) -> ApprovalAction {
        guard request == nil else { return .refused(.alreadySubmitted) }
        request = newRequest
        if newRequest.requiredApprovals <= 0 {
            status = .approved
            return .approved(ApprovalGrant(request: newRequest, approvals: [], approvedAt: now))
        }
        status = .pending
        return .pending(approvals: 0, required: newRequest.requiredApprovals)
    }

    private mutating func decide(_ decision: ApprovalDecision, now: Timestamp) -> ApprovalAction {
        guard let request, let status else { return .refused(.notSubmitted) }
        guard decision.requestID == request.id else { return .refused(.wrongRequest(expected: request.id, got: decision.requestID)) }
        guard status == .pending else { return .refused(.notPending(status)) }
        // A late decision settles the question the timer had not yet: the request is expired.
        if expireIfDue(now: now) { return .expired }
        guard decision.payloadSHA256 == request.payloadSHA256 else { return .refused(.payloadMismatch) }
        guard decision.approverID != request.submitter else { return .refused(.selfApproval) }
        guard !decisions.contains(where: { $0.approverID == decision.approverID }) else {
            return .refused(.duplicateDecision(approverID: decision.approverID))
        }
        if decision.trimmedReason == nil {
            if decision.verdict == .reject { return .refused(.reasonRequired("to reject")) }
            if request.risk == .high { return .refused(.reasonRequired("for high-risk requests")) }
        }
        decisions.append(decision)
        switch decision.verdict {
        case .reject:
            self.status = .rejected
            return .rejected(decision)
        case .approve:
            let approvals = decisions.filter { $0.verdict == .approve }
            guard approvals.count >= request.requiredApprovals else {
                return .pending(approvals: approvals.count, required: request.requiredApprovals)
            }
            self.status = .approved
            return .approved(ApprovalGrant(request: request, approvals: approvals, approvedAt: now))
        }
    }

    /// Moves a pending request past its deadline to `.expired`; true when it did.
    private mutating func expireIfDue(now: Timestamp) -> Bool {
        guard status == .pending, let request, now >= request.expiresAt else { return false }
        status = .expired
        return true
    }

    private mutating func revoke(by admin: String, reason: String?) -> ApprovalAction {
        guard let status else { return .refused(.notSubmitted) }
        // Pending requests can be withdrawn and approvals invalidated; finished ones stay as they are.
        guard status == .pending || status == .approved else { return .refused(.notPending(status)) }
        self.status = .revoked
        return .revoked(by: admin, reason: reason)
    }
}
