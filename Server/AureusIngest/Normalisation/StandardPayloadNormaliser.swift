import AureusProtocol

/// Generic Standard Webhooks senders: the spec's recommended envelope
/// `{"type": "...", "timestamp": "RFC 3339", "data": {...}}` becomes one notification.
///
/// Mapping: event type from `type`, time from `timestamp` (else the signed time), object id
/// from `data.id`, user from `data.user_id` when present (pseudonymised).
public struct StandardPayloadNormaliser: WebhookNormaliser {
    public let pseudonymizer: UserPseudonymizer
    public var kind: WebhookKind { .standard }

    public init(pseudonymizer: UserPseudonymizer) { self.pseudonymizer = pseudonymizer }

    public func normalise(_ body: [UInt8], delivery: VerifiedDelivery) throws(NormalisationError) -> NormalisedPayload {
        let document = try PayloadReader.document(body)
        let type = try PayloadReader.string(document["type"], "type")
        var time = delivery.signedAt
        if let raw = document["timestamp"], raw != .null { time = try PayloadReader.requiredTime(raw, "timestamp") }
        let data = document["data"]
        let user = PayloadReader.scalarText(data?["user_id"]).map { pseudonymizer.pseudonym(provider: .standard, rawUserID: $0) }
        let notification = WebhookNotification(
            provider: .standard,
            eventType: type,
            user: user,
            objectID: PayloadReader.scalarText(data?["id"]),
            time: time
        )
        return NormalisedPayload(notifications: [notification])
    }
}
