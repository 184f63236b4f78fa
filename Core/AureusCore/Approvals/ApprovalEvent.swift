/// What can happen to an approval request; fed to `ApprovalStateMachine.receive(_:now:)`.
public enum ApprovalEvent: Sendable, Hashable {
    /// The request was accepted by the policy and stored (risk and quorum already set).
    case submitted(ApprovalRequest)
    /// An approver's decision whose signature the adapter has already verified.
    case decided(ApprovalDecision)
    /// A timer or a read noticed time passing; expires the request if its deadline is gone.
    case expireCheck
    /// An admin withdrew the request or the approval (the token stops verifying).
    case revoked(by: String, reason: String?)
}

/// Where a request is in its life. Raw values are what storage and the wire carry.
public enum ApprovalStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case approved
    case rejected
    case expired
    case revoked

    /// Approved, rejected, expired and revoked requests accept no more decisions.
    public var isFinal: Bool { self != .pending }
}
