import AureusProtocol
import Testing

@testable import AureusCore

/// The approval rules alone, no I/O: quorum, self-approval, double decisions, races, reasons,
/// expiry and revoke. Signatures are the adapter's job and are placeholders here.
@Suite struct ApprovalStateMachineTests {
    static let t0 = Timestamp(milliseconds: 1_800_000_000_000)
    static let hash = String(repeating: "ab", count: 32)

    static func request(required: Int, risk: RiskLevel = .medium, ttlSeconds: Int64 = 3600) -> ApprovalRequest {
        ApprovalRequest(
            id: "req-1",
            type: "payment",
            payload: ["amount": 500, "currency": "EUR", "recipient": "ACME"],
            payloadSHA256: hash,
            reason: "invoice 42",
            submitter: "alice",
            risk: risk,
            rule: nil,
            requiredApprovals: required,
            submittedAt: t0,
            expiresAt: t0.adding(milliseconds: ttlSeconds * 1000)
        )
    }

    static func decision(
        _ approver: String,
        _ verdict: ApprovalVerdict = .approve,
        reason: String? = nil,
        at seconds: Int64 = 60,
        request: String = "req-1",
        hash: String = hash
    ) -> ApprovalDecision {
        ApprovalDecision(
            requestID: request,
            payloadSHA256: hash,
            verdict: verdict,
            approverID: approver,
            reason: reason,
            time: t0.adding(milliseconds: seconds * 1000),
            signature: Array(approver.utf8)
        )
    }

    static func submitted(required: Int, risk: RiskLevel = .medium) -> ApprovalStateMachine {
        var machine = ApprovalStateMachine()
        _ = machine.receive(.submitted(request(required: required, risk: risk)), now: t0)
        return machine
    }

    static func at(_ seconds: Int64) -> Timestamp { t0.adding(milliseconds: seconds * 1000) }

    @Test func quorumOfOneApprovesOnFirstApproval() {
        var machine = ApprovalStateMachine()
        #expect(machine.receive(.submitted(Self.request(required: 1)), now: Self.t0) == .pending(approvals: 0, required: 1))
        #expect(machine.status == .pending)
        let action = machine.receive(.decided(Self.decision("bob")), now: Self.at(60))
        guard case .approved(let grant) = action else {
            Issue.record("expected approval, got \(action)")
            return
        }
        #expect(grant.approvals.map(\.approverID) == ["bob"])
        #expect(grant.approvedAt == Self.at(60))
        #expect(grant.request.id == "req-1")
        #expect(machine.status == .approved)
    }

    @Test func quorumOfTwoNeedsTwoDistinctApprovers() {
        var machine = Self.submitted(required: 2)
        #expect(machine.receive(.decided(Self.decision("bob")), now: Self.at(10)) == .pending(approvals: 1, required: 2))
        #expect(machine.status == .pending)
        #expect(machine.receive(.decided(Self.decision("bob", at: 20)), now: Self.at(20)) == .refused(.duplicateDecision(approverID: "bob")))
        #expect(machine.approvalCount == 1)
        guard case .approved(let grant) = machine.receive(.decided(Self.decision("carol")), now: Self.at(30)) else {
            Issue.record("second distinct approver should reach the quorum")
            return
        }
        #expect(grant.approvals.map(\.approverID) == ["bob", "carol"])
        #expect(machine.status == .approved)
    }

    @Test func lowRiskWithZeroApprovalsIsAutoApprovedAtSubmission() {
        var machine = ApprovalStateMachine()
        let action = machine.receive(.submitted(Self.request(required: 0, risk: .low)), now: Self.t0)
        guard case .approved(let grant) = action else {
            Issue.record("expected auto-approval, got \(action)")
            return
        }
        #expect(grant.isAutomatic)
        #expect(machine.status == .approved)
    }

    @Test func submitterCannotApproveOrRejectOwnRequest() {
        var machine = Self.submitted(required: 1)
        #expect(machine.receive(.decided(Self.decision("alice")), now: Self.at(5)) == .refused(.selfApproval))
        #expect(machine.receive(.decided(Self.decision("alice", .reject, reason: "no")), now: Self.at(5)) == .refused(.selfApproval))
        #expect(machine.status == .pending)
        #expect(machine.decisions.isEmpty)
    }

    @Test func doubleDecisionIsRefusedEvenWhenTheVerdictChanges() {
        var machine = Self.submitted(required: 2)
        _ = machine.receive(.decided(Self.decision("bob")), now: Self.at(5))
        let flip = Self.decision("bob", .reject, reason: "changed my mind", at: 6)
        #expect(machine.receive(.decided(flip), now: Self.at(6)) == .refused(.duplicateDecision(approverID: "bob")))
        #expect(machine.status == .pending)
    }

    @Test(arguments: [["bob", "carol"], ["carol", "bob"]])
    func twoApproversRacingForTheLastApprovalInEitherOrder(order: [String]) {
        var machine = Self.submitted(required: 1)
        let first = machine.receive(.decided(Self.decision(order[0])), now: Self.at(10))
        let second = machine.receive(.decided(Self.decision(order[1])), now: Self.at(10))
        guard case .approved(let grant) = first else {
            Issue.record("the first decision applied should reach the quorum, got \(first)")
            return
        }
        #expect(grant.approvals.map(\.approverID) == [order[0]])
        #expect(second == .refused(.notPending(.approved)))
        #expect(machine.decisions.map(\.approverID) == [order[0]])
    }

    @Test func raceForTheSecondOfTwoApprovalsLetsExactlyOneComplete() {
        var machine = Self.submitted(required: 2)
        _ = machine.receive(.decided(Self.decision("bob")), now: Self.at(5))
        let actions = [
            machine.receive(.decided(Self.decision("carol")), now: Self.at(9)),
            machine.receive(.decided(Self.decision("dave")), now: Self.at(9)),
        ]
        let approvals = actions.filter { if case .approved = $0 { true } else { false } }
        #expect(approvals.count == 1)
        #expect(actions[1] == .refused(.notPending(.approved)))
    }

    @Test func rejectionShortCircuitsTheQuorum() {
        var machine = Self.submitted(required: 2)
        _ = machine.receive(.decided(Self.decision("bob")), now: Self.at(5))
        let reject = Self.decision("carol", .reject, reason: "wrong recipient")
        #expect(machine.receive(.decided(reject), now: Self.at(6)) == .rejected(reject))
        #expect(machine.status == .rejected)
        #expect(machine.receive(.decided(Self.decision("dave")), now: Self.at(7)) == .refused(.notPending(.rejected)))
    }

    @Test(arguments: [nil, "", "   \n"])
    func rejectionNeedsAReason(reason: String?) {
        var machine = Self.submitted(required: 1)
        let action = machine.receive(.decided(Self.decision("bob", .reject, reason: reason)), now: Self.at(5))
        #expect(action == .refused(.reasonRequired("to reject")))
        #expect(machine.status == .pending)
    }

    @Test func highRiskApprovalNeedsAReasonButMediumDoesNot() {
        var high = Self.submitted(required: 2, risk: .high)
        #expect(high.receive(.decided(Self.decision("bob")), now: Self.at(5)) == .refused(.reasonRequired("for high-risk requests")))
        #expect(high.receive(.decided(Self.decision("bob", reason: "checked PO")), now: Self.at(5)) == .pending(approvals: 1, required: 2))
        var medium = Self.submitted(required: 2, risk: .medium)
        #expect(medium.receive(.decided(Self.decision("bob")), now: Self.at(5)) == .pending(approvals: 1, required: 2))
    }

    @Test func expiresBeforeQuorumAndRefusesLaterDecisions() {
        var machine = Self.submitted(required: 2)
        _ = machine.receive(.decided(Self.decision("bob")), now: Self.at(60))
        #expect(machine.receive(.expireCheck, now: Self.at(3599)) == ApprovalAction.none)
        #expect(machine.status == .pending)
        #expect(machine.receive(.expireCheck, now: Self.at(3600)) == .expired)
        #expect(machine.status == .expired)
        #expect(machine.receive(.expireCheck, now: Self.at(4000)) == ApprovalAction.none)
        #expect(machine.receive(.decided(Self.decision("carol")), now: Self.at(4000)) == .refused(.notPending(.expired)))
        #expect(machine.approvalCount == 1)
    }

    @Test func lateDecisionExpiresTheRequestInsteadOfCounting() {
        var machine = Self.submitted(required: 1)
        #expect(machine.receive(.decided(Self.decision("bob", at: 3700)), now: Self.at(3700)) == .expired)
        #expect(machine.status == .expired)
        #expect(machine.decisions.isEmpty)
    }

    @Test func expiryDoesNotTouchAnApprovedRequest() {
        var machine = Self.submitted(required: 1)
        _ = machine.receive(.decided(Self.decision("bob")), now: Self.at(5))
        #expect(machine.receive(.expireCheck, now: Self.at(99_999)) == ApprovalAction.none)
        #expect(machine.status == .approved)
    }

    @Test func revokeAfterApprovalAndNotAfterRejection() {
        var approved = Self.submitted(required: 1)
        _ = approved.receive(.decided(Self.decision("bob")), now: Self.at(5))
        #expect(approved.receive(.revoked(by: "root", reason: "fraud"), now: Self.at(9)) == .revoked(by: "root", reason: "fraud"))
        #expect(approved.status == .revoked)
        #expect(approved.receive(.revoked(by: "root", reason: nil), now: Self.at(10)) == .refused(.notPending(.revoked)))
        #expect(approved.receive(.decided(Self.decision("carol")), now: Self.at(10)) == .refused(.notPending(.revoked)))

        var rejected = Self.submitted(required: 1)
        _ = rejected.receive(.decided(Self.decision("bob", .reject, reason: "no")), now: Self.at(5))
        #expect(rejected.receive(.revoked(by: "root", reason: nil), now: Self.at(9)) == .refused(.notPending(.rejected)))

        var pending = Self.submitted(required: 2)
        #expect(pending.receive(.revoked(by: "root", reason: nil), now: Self.at(9)) == .revoked(by: "root", reason: nil))
    }

    @Test func decisionsForAnotherRequestOrPayloadAreRefused() {
        var machine = Self.submitted(required: 1)
        #expect(
            machine.receive(.decided(Self.decision("bob", request: "req-2")), now: Self.at(5))
                == .refused(.wrongRequest(expected: "req-1", got: "req-2"))
        )
        let otherHash = String(repeating: "cd", count: 32)
        #expect(machine.receive(.decided(Self.decision("bob", hash: otherHash)), now: Self.at(5)) == .refused(.payloadMismatch))
        #expect(machine.status == .pending)
    }

    @Test func eventsBeforeSubmissionAndResubmissionAreRefused() {
        var empty = ApprovalStateMachine()
        #expect(empty.receive(.decided(Self.decision("bob")), now: Self.t0) == .refused(.notSubmitted))
        #expect(empty.receive(.revoked(by: "root", reason: nil), now: Self.t0) == .refused(.notSubmitted))
        #expect(empty.receive(.expireCheck, now: Self.t0) == ApprovalAction.none)
        var machine = Self.submitted(required: 1)
        #expect(machine.receive(.submitted(Self.request(required: 0)), now: Self.t0) == .refused(.alreadySubmitted))
        #expect(machine.status == .pending)
    }

    @Test func restoredMachineContinuesWhereStorageLeftOff() {
        let bob = Self.decision("bob")
        var machine = ApprovalStateMachine(restoring: Self.request(required: 2), status: .pending, decisions: [bob])
        #expect(machine.receive(.decided(Self.decision("bob")), now: Self.at(9)) == .refused(.duplicateDecision(approverID: "bob")))
        guard case .approved(let grant) = machine.receive(.decided(Self.decision("carol")), now: Self.at(9)) else {
            Issue.record("restored approval should count toward the quorum")
            return
        }
        #expect(grant.approvals.count == 2)
    }
}
