import AureusCore
import AureusProtocol

/// How an audit row maps to columns, shared by both dialects.
enum AuditRow {
    /// The column order every audit SELECT uses and `event(...)` expects.
    static let columns = "seq, time_ms, actor, role, action, target, summary, outcome, request_id, client_address, prev_hash, hash"

    /// The stored summary text: canonical JSON, so re-reading it gives the bytes that were hashed.
    static func summaryText(_ summary: JSONValue) -> String { CanonicalJSON.string(summary) }

    /// Rebuilds an event from stored text.
    ///
    /// Never throws on odd content. A role or summary edited into something that does not
    /// decode cannot be represented faithfully, so its hash is prefixed with `corrupt:`, which
    /// can never match: the verifier then reports the row as edited, the report an operator needs.
    static func event(
        seq: Int64,
        timeMilliseconds: Int64,
        actor: String,
        role roleText: String?,
        action: String,
        target: String?,
        summary: String,
        outcome: String,
        requestID: String?,
        clientAddress: String?,
        prevHash: String,
        hash: String
    ) -> AuditEvent {
        let role = roleText.flatMap { Role(rawValue: $0) }
        let parsedSummary = try? JSONParser.parse(summary)
        let faithful = (roleText == nil || role != nil) && parsedSummary != nil
        return AuditEvent(
            seq: seq,
            time: Timestamp(milliseconds: timeMilliseconds),
            actor: actor,
            role: role,
            action: action,
            target: target,
            summary: parsedSummary ?? .string(summary),
            outcome: outcome,
            requestID: requestID,
            clientAddress: clientAddress,
            prevHash: prevHash,
            hash: faithful ? hash : "corrupt:" + hash
        )
    }

    /// Seals a draft as the row after `last` (nil for an empty log), with the summary normalised
    /// to what a later read returns, so the returned event equals the stored one.
    static func seal(_ draft: AuditDraft, after last: (seq: Int64, hash: String)?, digester: some SHA256Digester) -> AuditEvent {
        var normalised = draft
        normalised.summary = (try? JSONParser.parse(summaryText(draft.summary))) ?? draft.summary
        return AuditChain.seal(normalised, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? AuditChain.genesis, digester: digester)
    }
}
