import AureusProtocol

/// What the server signs when a request is approved: proof, checkable offline, that this payload
/// (by hash) was approved by these approvers, valid until `expiresAt`.
///
/// Canonical JSON (the bytes the server's Ed25519 key signs):
/// ```json
/// {"approvals":[{"approver_id":"u-2","decision":"approve","reason":null,"signature":"<b64url>",
///   "time":"…"}],"context":"aureus.approval.token.v1","decision":"approved","expires_at":"…",
///   "issued_at":"…","key_id":"srv-2026-01","payload_sha256":"9f86…","request_id":"req-1"}
/// ```
/// Each approval carries the approver's own signature over `CanonicalDecision`, so a verifier
/// holding approver keys can check the quorum too, not only the server's word. Auto-approved
/// requests have an empty `approvals` array.
public struct ApprovalToken: Sendable, Hashable {
    public static let context = "aureus.approval.token.v1"

    public var requestID: String
    public var payloadSHA256: String
    /// Always `"approved"` for tokens the server issues today.
    public var decision: String
    public var approvals: [ApprovalDecision]
    public var issuedAt: Timestamp
    public var expiresAt: Timestamp
    public var keyID: String

    public init(
        requestID: String,
        payloadSHA256: String,
        decision: String = "approved",
        approvals: [ApprovalDecision],
        issuedAt: Timestamp,
        expiresAt: Timestamp,
        keyID: String
    ) {
        self.requestID = requestID
        self.payloadSHA256 = payloadSHA256
        self.decision = decision
        self.approvals = approvals
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.keyID = keyID
    }

    /// The token for a reached quorum, valid for `ttlSeconds` from `issuedAt`.
    public init(grant: ApprovalGrant, issuedAt: Timestamp, ttlSeconds: Int64, keyID: String) {
        self.init(
            requestID: grant.request.id,
            payloadSHA256: grant.request.payloadSHA256,
            approvals: grant.approvals,
            issuedAt: issuedAt,
            expiresAt: issuedAt.adding(milliseconds: ttlSeconds * 1000),
            keyID: keyID
        )
    }

    public var json: JSONValue {
        let approvalValues: [JSONValue] = approvals.map { approval in
            [
                "approver_id": .string(approval.approverID),
                "decision": .string(approval.verdict.rawValue),
                "reason": approval.trimmedReason.map { .string($0) } ?? .null,
                "time": .string(approval.time.iso8601),
                "signature": .string(Base64URL.encode(approval.signature)),
            ]
        }
        return [
            "context": .string(Self.context),
            "request_id": .string(requestID),
            "payload_sha256": .string(payloadSHA256),
            "decision": .string(decision),
            "approvals": .array(approvalValues),
            "issued_at": .string(issuedAt.iso8601),
            "expires_at": .string(expiresAt.iso8601),
            "key_id": .string(keyID),
        ]
    }

    /// The exact bytes the server signs.
    public var canonicalBytes: [UInt8] { CanonicalJSON.encode(json) }

    /// Signs the token with `sign` (the server's Ed25519 key, injected so Core stays free of C) and
    /// returns the envelope text handed to the client.
    public func sealed(sign: (_ message: [UInt8]) -> [UInt8]) -> String {
        let bytes = canonicalBytes
        return TokenEnvelope(payload: bytes, signature: sign(bytes), keyID: keyID).text
    }

    /// Reads a token from its canonical bytes; nil unless every field is present, well-typed and the
    /// bytes are exactly canonical (so one token has one spelling).
    public init?(canonicalBytes bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes), CanonicalJSON.encode(value) == bytes,
            let members = value.objectValue, Set(members.keys) == Self.keys,
            value["context"]?.stringValue == Self.context,
            let requestID = value["request_id"]?.stringValue,
            let payloadSHA256 = value["payload_sha256"]?.stringValue,
            let decision = value["decision"]?.stringValue,
            let issuedAt = value["issued_at"]?.stringValue.flatMap(Timestamp.init(iso8601:)),
            let expiresAt = value["expires_at"]?.stringValue.flatMap(Timestamp.init(iso8601:)),
            let keyID = value["key_id"]?.stringValue,
            let approvalValues = value["approvals"]?.arrayValue
        else { return nil }
        var approvals: [ApprovalDecision] = []
        for item in approvalValues {
            guard let fields = item.objectValue, Set(fields.keys) == Self.approvalKeys,
                let approverID = item["approver_id"]?.stringValue,
                let verdict = item["decision"]?.stringValue.flatMap(ApprovalVerdict.init(rawValue:)),
                let time = item["time"]?.stringValue.flatMap(Timestamp.init(iso8601:)),
                let signature = item["signature"]?.stringValue.flatMap(Base64URL.decode)
            else { return nil }
            let reason: String?
            switch item["reason"] {
            case .string(let text): reason = text
            case .null: reason = nil
            default: return nil
            }
            approvals.append(
                ApprovalDecision(
                    requestID: requestID,
                    payloadSHA256: payloadSHA256,
                    verdict: verdict,
                    approverID: approverID,
                    reason: reason,
                    time: time,
                    signature: signature
                )
            )
        }
        self.init(
            requestID: requestID,
            payloadSHA256: payloadSHA256,
            decision: decision,
            approvals: approvals,
            issuedAt: issuedAt,
            expiresAt: expiresAt,
            keyID: keyID
        )
    }

    private static let keys: Set<String> = [
        "context", "request_id", "payload_sha256", "decision", "approvals", "issued_at", "expires_at", "key_id",
    ]
    private static let approvalKeys: Set<String> = ["approver_id", "decision", "reason", "time", "signature"]
}
