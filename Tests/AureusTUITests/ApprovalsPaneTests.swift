import AureusProtocol
import Testing

@testable import AureusTUI

@Suite struct ApprovalsPaneTests {
    static let now = Timestamp(milliseconds: 1_795_294_800_000)

    static func item(
        _ id: String,
        risk: String,
        ageSeconds: Int64 = 60,
        approvals: Int = 0,
        required: Int = 1,
        status: String = "pending",
        updated: Int64 = 0
    ) -> ApprovalInfo {
        let submitted = now.adding(milliseconds: -ageSeconds * 1000)
        return ApprovalInfo(
            id: id,
            type: "payment",
            payload: ["amount": 25_000, "currency": "EUR", "recipient": "ACME"],
            payloadSHA256: String(repeating: "ab", count: 32),
            reason: "invoice \(id)",
            submitter: "sam",
            risk: risk,
            rule: risk == "high" ? "large_payment" : nil,
            requiredApprovals: required,
            approvals: approvals,
            status: status,
            submittedAt: submitted,
            expiresAt: submitted.adding(milliseconds: 3_600_000),
            updatedAt: submitted.adding(milliseconds: updated),
            decisions: [],
            token: nil,
            tokenExpiresAt: nil,
            revokedBy: nil,
            revokeReason: nil
        )
    }

    /// A model focused on the approvals pane, logged in with `role`, holding three requests.
    static func model(role: Role) throws -> AppModel {
        var model = try Fixtures.connectedModel(events: 0)
        model.apply(.session(user: "alice", role: role))
        let list = ApprovalsListResult(approvals: [
            item("apr-low", risk: "low", ageSeconds: 300), item("apr-high", risk: "high", ageSeconds: 30, required: 2),
            item("apr-med", risk: "medium", ageSeconds: 600), item("apr-old-high", risk: "high", ageSeconds: 900, required: 2),
        ])
        model.apply(.rpcResult(method: "approvals.list", params: [:], result: try JSONValue(encoding: list)))
        _ = model.handle(.char("2"))
        return model
    }

    @Test func queueIsSortedByRiskThenAgeAndFollowsTheTopic() throws {
        var model = try Self.model(role: .approver)
        #expect(model.approvals.queue.map(\.id) == ["apr-old-high", "apr-high", "apr-med", "apr-low"])
        #expect(model.approvals.note == "4 pending · 2 high")
        // An approval that reaches its quorum leaves the queue.
        model.apply(
            .notification(topic: "approvals", data: try JSONValue(encoding: Self.item("apr-med", risk: "medium", status: "approved", updated: 5)))
        )
        #expect(model.approvals.queue.map(\.id) == ["apr-old-high", "apr-high", "apr-low"])
        // A new submission arrives live.
        model.apply(.notification(topic: "approvals", data: try JSONValue(encoding: Self.item("apr-new", risk: "medium", ageSeconds: 1))))
        #expect(model.approvals.queue.map(\.id) == ["apr-old-high", "apr-high", "apr-new", "apr-low"])
        // An older copy never overwrites a newer one.
        let newer = Self.item("apr-high", risk: "high", ageSeconds: 30, approvals: 1, required: 2, updated: 10)
        model.apply(.notification(topic: "approvals", data: try JSONValue(encoding: newer)))
        model.apply(
            .notification(
                topic: "approvals",
                data: try JSONValue(encoding: Self.item("apr-high", risk: "high", ageSeconds: 30, required: 2, updated: 1))
            )
        )
        #expect(model.approvals.pending["apr-high"]?.approvals == 1)
    }

    @Test func approvingAMediumRequestSendsAtOnceAndOnlyOnce() throws {
        var model = try Self.model(role: .approver)
        _ = model.handle(.char("j"))
        _ = model.handle(.char("j"))
        #expect(model.approvals.selectedItem?.id == "apr-med")
        let effects = model.handle(.char("a"))
        guard case .decide(let approval, let verdict, let reason, let approverID)? = effects.first else {
            throw TestFailure("no decide effect: \(effects)")
        }
        #expect(approval.id == "apr-med" && verdict == "approve" && reason == nil)
        #expect(approverID == "alice", "decisions are signed as the logged-in user")
        #expect(model.handle(.char("a")).isEmpty, "a second press while the first is in flight sends nothing")
        model.apply(.decisionFailed(id: "apr-med", message: "no confirmed key"))
        #expect(model.message?.isError == true)
        #expect(model.handle(.char("a")).count == 1, "after a failure it can be tried again")
    }

    @Test func rejectingAsksForAReason() throws {
        var model = try Self.model(role: .approver)
        _ = model.handle(.char("G"))
        #expect(model.approvals.selectedItem?.id == "apr-low")
        #expect(model.handle(.char("r")).isEmpty)
        #expect(model.approvals.isEditingText)
        #expect(model.handle(.enter).isEmpty, "an empty reason is not accepted")
        for character in "dup" { _ = model.handle(.char(character)) }
        #expect(model.handle(.char("q")).isEmpty, "q is text here, not quit")
        let effects = model.handle(.enter)
        #expect(effects.first == .decide(approval: model.approvals.pending["apr-low"]!, verdict: "reject", reason: "dupq", approverID: "alice"))
        // Esc cancels a prompt without sending.
        _ = model.handle(.char("k"))
        _ = model.handle(.char("r"))
        _ = model.handle(.esc)
        #expect(!model.approvals.isEditingText)
    }

    @Test func highRiskNeedsAReasonThenAConfirmationThatRepeatsTheRequest() throws {
        var model = try Self.model(role: .admin)
        #expect(model.approvals.selectedItem?.id == "apr-old-high")
        _ = model.handle(.char("a"))
        for character in "checked" { _ = model.handle(.char(character)) }
        #expect(model.handle(.enter).isEmpty)
        #expect(model.approvals.prompt == .confirm(id: "apr-old-high", verdict: "approve", reason: "checked"))
        // The confirmation is a dialog over the dashboard that repeats the whole request.
        let screen = try Self.render(model).rows.joined(separator: "\n")
        #expect(screen.contains("HIGH payment amount=25000 currency=EUR"))
        #expect(screen.contains("recipient=ACME"))
        #expect(screen.contains("reason: checked"))
        #expect(screen.contains("Approve this high-risk request? y/N"))
        _ = model.handle(.char("n"))
        #expect(model.approvals.prompt == nil)
        _ = model.handle(.char("a"))
        for character in "ok" { _ = model.handle(.char(character)) }
        _ = model.handle(.enter)
        let effects = model.handle(.char("y"))
        #expect(effects.first == .decide(approval: model.approvals.pending["apr-old-high"]!, verdict: "approve", reason: "ok", approverID: "alice"))
    }

    @Test func rolesThatCannotDecideGetAReadOnlyQueue() throws {
        var model = try Self.model(role: .analyst)
        #expect(model.handle(.char("a")).isEmpty)
        #expect(model.handle(.char("r")).isEmpty)
        #expect(!model.approvals.isEditingText)
        let rows = try Self.render(model).rows
        #expect(rows.contains { $0.contains("read-only: your role cannot decide") })
        #expect(!rows.last!.contains("approve"))
        let approver = try Self.model(role: .approver)
        #expect(try Self.render(approver).rows.last!.contains("a approve  r reject"))
    }

    @Test func rowsShowRiskTTLAndQuorum() throws {
        var model = try Self.model(role: .approver)
        model.apply(
            .notification(
                topic: "approvals",
                data: try JSONValue(encoding: Self.item("apr-high", risk: "high", ageSeconds: 30, approvals: 1, required: 2, updated: 9))
            )
        )
        _ = model.handle(.char("z"))
        let canvas = try Self.render(model)
        let rows = canvas.rows
        let highRow = try #require(rows.firstIndex { $0.contains("invoice apr-high") })
        #expect(rows[highRow].contains("HIGH   59m30s  1/2"))
        let x = rows[highRow].distance(of: "HIGH")
        #expect(canvas[x, highRow].style.foreground == .riskHigh)
        let lowRow = try #require(rows.firstIndex { $0.contains("invoice apr-low") })
        #expect(canvas[rows[lowRow].distance(of: "LOW"), lowRow].style.foreground == .riskLow)
        // Detail view: rule, payload, quorum.
        _ = model.handle(.enter)
        let detail = try Self.render(model).rows.joined(separator: "\n")
        #expect(detail.contains("large_payment") && detail.contains("\"recipient\": \"ACME\"") && detail.contains("0 of 2 approvals"))
    }

    @Test func countdowns() {
        #expect(ApprovalsPane.countdown(until: Timestamp(milliseconds: 3_725_000), now: Timestamp(milliseconds: 0)) == "1h02m")
        #expect(ApprovalsPane.countdown(until: Timestamp(milliseconds: 61_000), now: Timestamp(milliseconds: 0)) == "1m01s")
        #expect(ApprovalsPane.countdown(until: Timestamp(milliseconds: 9_999), now: Timestamp(milliseconds: 0)) == "9s")
        #expect(ApprovalsPane.countdown(until: Timestamp(milliseconds: 0), now: Timestamp(milliseconds: 5)) == "expired")
    }

    static func render(_ model: AppModel) throws -> Canvas {
        try Screen(model: model, theme: Fixtures.theme("default")).render(size: model.size)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
