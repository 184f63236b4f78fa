import AureusCore
import AureusCrypto
import AureusProtocol
import Foundation
import Logging

/// Runs the approval workflow against the store: submission, signed decisions, expiry, revoke,
/// and token issue. Every transition goes through `ApprovalStateMachine`; every write names the
/// version it read (`ApprovalStore.updateApproval`), so racing approvers on any number of
/// instances are serialised by the database and exactly one of them can reach the quorum.
struct ApprovalService: Sendable {
    let store: any AureusStore
    let policy: PolicyFile
    let signingKeys: ServerSigningKeys
    let bus: EventBus
    let audit: AuditRecorder
    let clock: any WallClock
    let logger: Logger
    /// How far a decision's signed time may be from the server's clock.
    var decisionSkewMilliseconds: Int64 = 300_000
    /// Optimistic-write attempts before giving up with `conflict`.
    static let writeAttempts = 8

    // MARK: - Submit

    /// Stores the request; auto-approved levels get their token at once. The audit note (the new
    /// id, risk, rule, and any token issued) goes into the call's own audit event.
    func submit(_ params: ApprovalsSubmitParams, by caller: AuthenticatedSession) async throws -> (ApprovalInfo, AuditNote) {
        let reason = params.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw RPCError(.invalidParams, reason: "a reason is required") }
        guard reason.utf8.count <= 2_000 else { throw RPCError(.invalidParams, reason: "reason is longer than 2000 bytes") }
        let (policy, _, _) = self.policy.current
        let assessment = try Self.assess(policy, type: params.type, payload: params.payload)
        let now = clock.now()
        let request = ApprovalRequest(
            id: Self.newRequestID(),
            type: params.type,
            payload: params.payload,
            payloadSHA256: Self.payloadHash(params.payload),
            reason: reason,
            submitter: caller.username,
            assessment: assessment,
            submittedAt: now
        )
        var machine = ApprovalStateMachine()
        let action = machine.receive(.submitted(request), now: now)
        var record = ApprovalRecord(request: request, status: machine.status ?? .pending, updatedAt: now)
        if case .approved(let grant) = action {
            (record.token, record.tokenExpiresAt) = try issueToken(grant, now: now, ttlSeconds: policy.tokenTTLSeconds)
        }
        try await store.insertApproval(record)
        publish(record)
        return (Self.info(record, includeToken: true), auditNote(record))
    }

    func check(_ params: PolicyCheckParams) throws -> PolicyCheckResult {
        let (policy, generation, _) = self.policy.current
        let assessment = try Self.assess(policy, type: params.type, payload: params.payload)
        return PolicyCheckResult(
            type: assessment.type,
            risk: assessment.risk.rawValue,
            rule: assessment.rule,
            requiredApprovals: assessment.requiredApprovals,
            autoApproved: assessment.autoApproved,
            ttlSeconds: assessment.ttlSeconds,
            generation: generation
        )
    }

    // MARK: - Decide

    /// Verifies and applies a signed decision. The audit note names the key that signed it and,
    /// when the quorum was reached, the token issued (approvers, key id, expiry).
    func decide(_ params: ApprovalsDecideParams, by caller: AuthenticatedSession, requestID: String?) async throws -> (ApprovalInfo, AuditNote) {
        guard let verdict = ApprovalVerdict(rawValue: params.decision) else {
            throw RPCError(.invalidParams, reason: "decision must be 'approve' or 'reject'")
        }
        guard let signature = Base64.decode(params.signature), signature.count == Ed25519.signatureBytes else {
            throw RPCError(.invalidParams, reason: "signature must be the base64 of a 64-byte Ed25519 signature")
        }
        let now = clock.now()
        guard abs(params.time.milliseconds - now.milliseconds) <= decisionSkewMilliseconds else {
            throw RPCError(.invalidParams, reason: "the signed time \(params.time) is more than five minutes from the server's clock (\(now))")
        }
        let decision = ApprovalDecision(
            requestID: params.id,
            payloadSHA256: params.payloadSHA256.lowercased(),
            verdict: verdict,
            approverID: caller.username,
            reason: params.reason,
            time: params.time,
            signature: signature
        )
        let keyID = try await verifyDecisionSignature(decision)
        let (policy, _, _) = self.policy.current
        let result = try await transition(id: params.id, event: .decided(decision), now: now, tokenTTL: policy.tokenTTLSeconds)
        if case .expired = result.action {
            await recordExpiry(result.record, requestID: requestID)
            throw RPCError(.conflict, reason: "request '\(params.id)' expired at \(result.record.request.expiresAt); the decision was not counted")
        }
        var note = auditNote(result.record)
        if case .object(var members)? = note.result {
            members["approver_key_id"] = .string(keyID)
            note.result = .object(members)
        }
        return (Self.info(result.record, includeToken: true), note)
    }

    /// Checks the decision against the caller's confirmed keys; returns the key that signed it.
    private func verifyDecisionSignature(_ decision: ApprovalDecision) async throws -> String {
        let keys = try await store.listApproverKeys(username: decision.approverID).filter { $0.status == .confirmed }
        guard !keys.isEmpty else {
            throw RPCError(
                .forbidden,
                reason: "you have no confirmed approver key: run `aureus keys init`, `aureus keys register`, and ask an admin to confirm it"
            )
        }
        let bytes = CanonicalDecision.bytes(for: decision)
        for key in keys {
            guard let raw = Base64.decode(key.publicKey), let publicKey = try? Ed25519.PublicKey(bytes: raw) else { continue }
            if publicKey.verify(signature: decision.signature, message: bytes) { return key.keyID }
        }
        throw RPCError(.forbidden, reason: "the decision signature does not verify under any of your confirmed keys")
    }

    // MARK: - Revoke and expire

    func revoke(_ params: ApprovalsRevokeParams, by caller: AuthenticatedSession) async throws -> ApprovalInfo {
        let reason = params.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try await transition(
            id: params.id,
            event: .revoked(by: caller.username, reason: reason?.isEmpty == false ? reason : nil),
            now: clock.now(),
            tokenTTL: 0
        )
        return Self.info(result.record, includeToken: false)
    }

    /// Expires every pending request whose deadline has passed; returns how many.
    @discardableResult
    func expireDue() async throws -> Int {
        let now = clock.now()
        var expired = 0
        for id in try await store.dueApprovals(now: now, limit: 500) {
            do {
                let result = try await transition(id: id, event: .expireCheck, now: now, tokenTTL: 0)
                if case .expired = result.action {
                    expired += 1
                    await recordExpiry(result.record, requestID: nil)
                }
            } catch let error as RPCError where error.code == .conflict {
                continue  // decided or revoked meanwhile
            }
        }
        return expired
    }

    // MARK: - Read

    func get(id: String, includeToken: Bool) async throws -> ApprovalInfo {
        guard let record = try await store.approval(id: id) else {
            throw RPCError(.notFound, reason: "no approval request '\(Sanitize.short(id))'")
        }
        return Self.info(record, includeToken: includeToken)
    }

    func list(_ params: ApprovalsListParams, caller: AuthenticatedSession) async throws -> [ApprovalInfo] {
        var query = ApprovalQuery(limit: params.limit ?? 200)
        if let status = params.status {
            guard let parsed = ApprovalStatus(rawValue: status) else {
                throw RPCError(.invalidParams, reason: "status must be one of \(ApprovalStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.status = parsed
        }
        if let risk = params.risk {
            guard let parsed = RiskLevel(rawValue: risk) else { throw RPCError(.invalidParams, reason: "risk must be low, medium or high") }
            query.risk = parsed
        }
        query.type = params.type
        if params.mine == true { query.submitter = caller.username }
        return try await store.listApprovals(query).map { Self.info($0, includeToken: false) }
    }

    // MARK: - Transitions

    private struct Transition {
        var record: ApprovalRecord
        var action: ApprovalAction
    }

    /// Loads the request, feeds `event` to its state machine and writes the result if nobody else
    /// wrote in between; on a lost race it reloads and tries again (the machine then sees the
    /// other writer's state and usually refuses).
    private func transition(id: String, event: ApprovalEvent, now: Timestamp, tokenTTL: Int64) async throws -> Transition {
        for _ in 0..<Self.writeAttempts {
            guard let stored = try await store.approval(id: id) else {
                throw RPCError(.notFound, reason: "no approval request '\(Sanitize.short(id))'")
            }
            var machine = stored.machine
            let action = machine.receive(event, now: now)
            var updated = stored
            updated.status = machine.status ?? stored.status
            updated.decisions = machine.decisions
            updated.version = stored.version + 1
            updated.updatedAt = now
            var newDecision: ApprovalDecision?
            switch action {
            case .refused(let refusal): throw Self.error(for: refusal, id: id)
            case .none: return Transition(record: stored, action: action)
            case .pending, .rejected:
                if case .decided(let decision) = event { newDecision = decision }
            case .approved(let grant):
                if case .decided(let decision) = event { newDecision = decision }
                (updated.token, updated.tokenExpiresAt) = try issueToken(grant, now: now, ttlSeconds: tokenTTL)
            case .expired:
                break
            case .revoked(let admin, let reason):
                updated.revokedBy = admin
                updated.revokeReason = reason
            }
            do {
                if try await store.updateApproval(updated, expectedVersion: stored.version, newDecision: newDecision) {
                    publish(updated)
                    return Transition(record: updated, action: action)
                }
            } catch let error as StoreError where error.kind == .conflict {
                continue  // the same approver's decision landed through another connection; reload shows it
            }
        }
        throw RPCError(.conflict, reason: "request '\(Sanitize.short(id))' kept changing; try again")
    }

    private func issueToken(_ grant: ApprovalGrant, now: Timestamp, ttlSeconds: Int64) throws -> (String, Timestamp) {
        let token = ApprovalToken(grant: grant, issuedAt: now, ttlSeconds: max(ttlSeconds, 1), keyID: signingKeys.currentKeyID)
        return (try signingKeys.seal(token), token.expiresAt)
    }

    // MARK: - Events

    private func publish(_ record: ApprovalRecord) {
        bus.publish(topic: .approvals, data: Self.info(record, includeToken: false))
    }

    /// The outcome of a submit or decide for its audit event: status and quorum, and for an
    /// approval the token's facts (never the token itself).
    private func auditNote(_ record: ApprovalRecord) -> AuditNote {
        var result: [String: JSONValue] = [
            "status": .string(record.status.rawValue),
            "risk": .string(record.request.risk.rawValue),
            "rule": record.request.rule.map { .string($0) } ?? .null,
            "approvals": .int(Int64(record.decisions.count { $0.verdict == .approve })),
            "required": .int(Int64(record.request.requiredApprovals)),
            "payload_sha256": .string(record.request.payloadSHA256),
        ]
        if record.status == .approved, let expires = record.tokenExpiresAt {
            result["approvers"] = .array(record.decisions.filter { $0.verdict == .approve }.map { .string($0.approverID) })
            result["server_key_id"] = .string(signingKeys.currentKeyID)
            result["valid_until"] = .string(expires.iso8601)
        }
        return AuditNote(target: record.request.id, result: .object(result))
    }

    private func recordExpiry(_ record: ApprovalRecord, requestID: String?) async {
        await audit.record(
            actor: "system",
            role: nil,
            action: "approval.expired",
            target: record.request.id,
            summary: [
                "approvals": .int(Int64(record.decisions.count { $0.verdict == .approve })),
                "required": .int(Int64(record.request.requiredApprovals)),
                "expired_at": .string(record.request.expiresAt.iso8601),
            ],
            outcome: "ok",
            requestID: requestID,
            clientAddress: nil
        )
    }

    // MARK: - Helpers

    static func assess(_ policy: ApprovalPolicy, type: String, payload: JSONValue) throws -> PolicyAssessment {
        do {
            return try policy.assess(type: type, payload: payload)
        } catch {
            var extra: [String: JSONValue] = ["type": .string(error.type)]
            if let field = error.field { extra["field"] = .string(field) }
            throw RPCError(.invalidParams, reason: error.description, extra: extra)
        }
    }

    /// Lowercase hex SHA-256 of the canonical JSON payload: what approvers sign and tokens bind.
    static func payloadHash(_ payload: JSONValue) -> String { SHA256.hex(CanonicalJSON.encode(payload)) }

    /// `apr-` and 20 random base32 characters: unguessable and safe in URLs and shells.
    static func newRequestID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
        let bytes = SecureRandom.bytes(20)
        return "apr-" + String(decoding: bytes.map { alphabet[Int($0 & 31)] }, as: UTF8.self)
    }

    static func error(for refusal: ApprovalRefusal, id: String) -> RPCError {
        switch refusal {
        case .notSubmitted: RPCError(.notFound, reason: "no approval request '\(Sanitize.short(id))'")
        case .selfApproval: RPCError(.forbidden, reason: refusal.description)
        case .reasonRequired, .wrongRequest, .payloadMismatch: RPCError(.invalidParams, reason: refusal.description)
        case .duplicateDecision, .notPending, .alreadySubmitted: RPCError(.conflict, reason: refusal.description)
        }
    }

    static func info(_ record: ApprovalRecord, includeToken: Bool) -> ApprovalInfo {
        let request = record.request
        return ApprovalInfo(
            id: request.id,
            type: request.type,
            payload: request.payload,
            payloadSHA256: request.payloadSHA256,
            reason: request.reason,
            submitter: request.submitter,
            risk: request.risk.rawValue,
            rule: request.rule,
            requiredApprovals: request.requiredApprovals,
            approvals: record.decisions.count { $0.verdict == .approve },
            status: record.status.rawValue,
            submittedAt: request.submittedAt,
            expiresAt: request.expiresAt,
            updatedAt: record.updatedAt,
            decisions: record.decisions.map {
                ApprovalDecisionInfo(approverID: $0.approverID, decision: $0.verdict.rawValue, reason: $0.trimmedReason, time: $0.time)
            },
            token: includeToken ? record.token : nil,
            tokenExpiresAt: record.tokenExpiresAt,
            revokedBy: record.revokedBy,
            revokeReason: record.revokeReason
        )
    }
}
