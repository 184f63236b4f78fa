import AureusCore
import AureusCrypto
import AureusProtocol

/// How approval rows map to columns and back, shared by both dialects.
enum ApprovalRow {
    /// The column order every approval SELECT uses and `Fields` mirrors.
    static let columns =
        "id, type, payload, payload_sha256, reason, submitter, risk, rule, required_approvals, status, version, submitted_ms, expires_ms, updated_ms, token, token_expires_ms, revoked_by, revoke_reason"
    static let decisionColumns = "request_id, approver_id, verdict, reason, time_ms, signature, seq"
    static let keyColumns = "key_id, username, public_key, status, created_ms, confirmed_ms, confirmed_by, revoked_ms"

    /// One request row as read, before its decisions are attached.
    struct Fields: Sendable {
        var id: String
        var type: String
        var payload: String
        var payloadSHA256: String
        var reason: String
        var submitter: String
        var risk: String
        var rule: String?
        var requiredApprovals: Int64
        var status: String
        var version: Int64
        var submittedMilliseconds: Int64
        var expiresMilliseconds: Int64
        var updatedMilliseconds: Int64
        var token: String?
        var tokenExpiresMilliseconds: Int64?
        var revokedBy: String?
        var revokeReason: String?

        func record(decisions: [ApprovalDecision]) throws -> ApprovalRecord {
            guard let risk = RiskLevel(rawValue: risk), let status = ApprovalStatus(rawValue: status) else {
                throw StoreError(.engine, "approval '\(id)' has an unknown risk '\(risk)' or status '\(status)'")
            }
            let payloadValue: JSONValue
            do { payloadValue = try JSONParser.parse(Array(payload.utf8)) } catch {
                throw StoreError(.engine, "approval '\(id)' has an unreadable payload: \(error)")
            }
            let request = ApprovalRequest(
                id: id,
                type: type,
                payload: payloadValue,
                payloadSHA256: payloadSHA256,
                reason: reason,
                submitter: submitter,
                risk: risk,
                rule: rule,
                requiredApprovals: Int(requiredApprovals),
                submittedAt: Timestamp(milliseconds: submittedMilliseconds),
                expiresAt: Timestamp(milliseconds: expiresMilliseconds)
            )
            return ApprovalRecord(
                request: request,
                status: status,
                decisions: decisions,
                version: version,
                updatedAt: Timestamp(milliseconds: updatedMilliseconds),
                token: token,
                tokenExpiresAt: tokenExpiresMilliseconds.map(Timestamp.init(milliseconds:)),
                revokedBy: revokedBy,
                revokeReason: revokeReason
            )
        }
    }

    /// A stored decision row → the domain value.
    static func decision(
        requestID: String,
        approverID: String,
        verdict verdictText: String,
        reason: String?,
        timeMilliseconds: Int64,
        signature: String,
        payloadSHA256: String
    ) throws -> ApprovalDecision {
        guard let verdict = ApprovalVerdict(rawValue: verdictText), let signatureBytes = Base64.decode(signature) else {
            throw StoreError(.engine, "decision by '\(approverID)' on '\(requestID)' is unreadable")
        }
        return ApprovalDecision(
            requestID: requestID,
            payloadSHA256: payloadSHA256,
            verdict: verdict,
            approverID: approverID,
            reason: reason,
            time: Timestamp(milliseconds: timeMilliseconds),
            signature: signatureBytes
        )
    }

    /// Groups decision rows by request and attaches them, keeping the records' order.
    static func attach(_ decisions: [(requestID: String, decision: ApprovalDecision)], to fields: [Fields]) throws -> [ApprovalRecord] {
        var byRequest: [String: [ApprovalDecision]] = [:]
        for (requestID, decision) in decisions { byRequest[requestID, default: []].append(decision) }
        return try fields.map { try $0.record(decisions: byRequest[$0.id] ?? []) }
    }

    /// The canonical text a payload is stored as (the bytes its hash covers).
    static func payloadText(_ payload: JSONValue) -> String { CanonicalJSON.string(payload) }

    static func key(
        keyID: String,
        username: String,
        publicKey: String,
        status statusText: String,
        createdMilliseconds: Int64,
        confirmedMilliseconds: Int64?,
        confirmedBy: String?,
        revokedMilliseconds: Int64?
    ) throws -> ApproverKeyRecord {
        guard let status = ApproverKeyStatus(rawValue: statusText) else {
            throw StoreError(.engine, "approver key '\(keyID)' has an unknown status '\(statusText)'")
        }
        return ApproverKeyRecord(
            keyID: keyID,
            username: username,
            publicKey: publicKey,
            status: status,
            createdAt: Timestamp(milliseconds: createdMilliseconds),
            confirmedAt: confirmedMilliseconds.map(Timestamp.init(milliseconds:)),
            confirmedBy: confirmedBy,
            revokedAt: revokedMilliseconds.map(Timestamp.init(milliseconds:))
        )
    }

    /// The filtered, newest-first list query's WHERE clause.
    static func listConditions(_ query: ApprovalQuery, parameters: SQLConditions.ParameterStyle) -> SQLConditions {
        var conditions = SQLConditions(parameters)
        if let status = query.status { conditions.add("status", "=", .text(status.rawValue)) }
        if let risk = query.risk { conditions.add("risk", "=", .text(risk.rawValue)) }
        if let type = query.type { conditions.add("type", "=", .text(type)) }
        if let submitter = query.submitter { conditions.add("submitter", "=", .text(submitter)) }
        return conditions
    }

    static let maximumLimit = 1000
    static func clampedLimit(_ limit: Int) -> Int { min(max(limit, 1), maximumLimit) }
}
