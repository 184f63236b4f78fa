import AureusProtocol

/// Oura webhooks are thin notifications (`event_type`, `data_type`, `object_id`, `event_time`,
/// `user_id`); the record itself is fetched later by `object_id`.
///
/// Mapping: event type `{data_type}.{event_type}` (e.g. `daily_sleep.update`), user from
/// `user_id`, object id from `object_id`, time from `event_time` (else the signed time).
public struct OuraNormaliser: WebhookNormaliser {
    public let pseudonymizer: UserPseudonymizer
    public var kind: WebhookKind { .oura }

    public init(pseudonymizer: UserPseudonymizer) { self.pseudonymizer = pseudonymizer }

    public func normalise(_ body: [UInt8], delivery: VerifiedDelivery) throws(NormalisationError) -> NormalisedPayload {
        let document = try PayloadReader.document(body)
        let eventType = try PayloadReader.string(document["event_type"], "event_type")
        let dataType = try PayloadReader.string(document["data_type"], "data_type")
        let user = try PayloadReader.identifier(document["user_id"], "user_id")
        var objectID: String?
        if let raw = document["object_id"], raw != .null { objectID = try PayloadReader.identifier(raw, "object_id") }
        var time = delivery.signedAt
        if let raw = document["event_time"], raw != .null { time = try PayloadReader.requiredTime(raw, "event_time") }
        let notification = WebhookNotification(
            provider: .oura,
            eventType: "\(dataType).\(eventType)",
            user: pseudonymizer.pseudonym(provider: .oura, rawUserID: user),
            objectID: objectID,
            time: time
        )
        return NormalisedPayload(notifications: [notification])
    }
}
