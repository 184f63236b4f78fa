import AureusProtocol

/// The exact bytes an approver's client signs for a decision, and the server verifies.
///
/// Canonical JSON (sorted keys, no whitespace, see `CanonicalJSON`) of:
/// ```json
/// {"approver_id":"u-2","context":"aureus.approval.decision.v1","decision":"approve",
///  "payload_sha256":"9f86…","reason":null,"request_id":"req-1","time":"2026-01-02T03:04:05.000Z"}
/// ```
/// `context` is a fixed domain-separation tag so a decision signature can never be replayed as
/// some other signed Aureus object. `reason` is `null` when none was given (blank counts as none);
/// `time` is RFC 3339 UTC with milliseconds, as `Timestamp.iso8601` writes it.
/// - Important: Clients (the TUI) and the server must build these bytes with this function;
///   changing it invalidates every stored decision signature.
public enum CanonicalDecision {
    public static let context = "aureus.approval.decision.v1"

    public static func value(
        requestID: String,
        payloadSHA256: String,
        verdict: ApprovalVerdict,
        reason: String?,
        time: Timestamp,
        approverID: String
    ) -> JSONValue {
        let trimmed = reason?.trimmingWhitespace()
        return [
            "context": .string(context),
            "request_id": .string(requestID),
            "payload_sha256": .string(payloadSHA256),
            "decision": .string(verdict.rawValue),
            "reason": trimmed.flatMap { $0.isEmpty ? nil : JSONValue.string($0) } ?? .null,
            "time": .string(time.iso8601),
            "approver_id": .string(approverID),
        ]
    }

    public static func bytes(
        requestID: String,
        payloadSHA256: String,
        verdict: ApprovalVerdict,
        reason: String?,
        time: Timestamp,
        approverID: String
    ) -> [UInt8] {
        CanonicalJSON.encode(
            value(requestID: requestID, payloadSHA256: payloadSHA256, verdict: verdict, reason: reason, time: time, approverID: approverID)
        )
    }

    /// The bytes for a decision value (its `signature` is not part of them).
    public static func bytes(for decision: ApprovalDecision) -> [UInt8] {
        bytes(
            requestID: decision.requestID,
            payloadSHA256: decision.payloadSHA256,
            verdict: decision.verdict,
            reason: decision.reason,
            time: decision.time,
            approverID: decision.approverID
        )
    }
}
