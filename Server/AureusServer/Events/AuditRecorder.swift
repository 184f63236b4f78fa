import AureusCore
import AureusProtocol
import Logging

/// Appends audit events and streams each new one on the `audit` topic.
///
/// An audit append that fails is logged loudly and counted, but does not turn a successful
/// call into a failure the caller could retry into a duplicate action.
struct AuditRecorder: Sendable {
    let store: any AureusStore
    let bus: EventBus
    let clock: any WallClock
    let metrics: ServerMetrics
    let logger: Logger

    @discardableResult
    func record(
        actor: String,
        role: Role?,
        action: String,
        target: String?,
        summary: JSONValue,
        outcome: String,
        requestID: String?,
        clientAddress: String?
    ) async -> AuditEvent? {
        let draft = AuditDraft(
            time: clock.now(),
            actor: actor,
            role: role,
            action: action,
            target: target,
            summary: AuditSummaryCompaction.compact(SecretRedaction.redact(summary)),
            outcome: outcome,
            requestID: requestID,
            clientAddress: clientAddress
        )
        do {
            let event = try await store.appendAudit(draft)
            metrics.auditAppended()
            bus.publish(topic: .audit, data: event)
            return event
        } catch {
            logger.error("audit append failed", metadata: ["aureus.action": "\(action)", "aureus.error": "\(error)"])
            return nil
        }
    }
}

/// The audit `target` of a call: the object it acts on, read from the usual param names.
enum AuditTarget {
    static func of(_ params: JSONValue) -> String? {
        for key in ["username", "id", "name", "source", "request_id", "keyID"] {
            switch params[key] {
            case .string(let value)?: return value
            case .int(let value)?: return String(value)
            default: continue
            }
        }
        return nil
    }
}
