import AureusProtocol

/// WHOOP webhooks are notifications `{user_id, id, type, trace_id}`: `type` is
/// `workout|sleep|recovery` `.updated|.deleted`; `id` is a UUID in v2 (for `recovery.*` the id of
/// the associated sleep) and an integer in v1. The body has no time, so the notification takes
/// the signed `X-WHOOP-Signature-Timestamp`.
public struct WhoopNormaliser: WebhookNormaliser {
    public let pseudonymizer: UserPseudonymizer
    public var kind: WebhookKind { .whoop }

    public init(pseudonymizer: UserPseudonymizer) { self.pseudonymizer = pseudonymizer }

    public func normalise(_ body: [UInt8], delivery: VerifiedDelivery) throws(NormalisationError) -> NormalisedPayload {
        let document = try PayloadReader.document(body)
        let type = try PayloadReader.string(document["type"], "type")
        let user = try PayloadReader.identifier(document["user_id"], "user_id")
        let objectID = try PayloadReader.identifier(document["id"], "id")
        let notification = WebhookNotification(
            provider: .whoop,
            eventType: type,
            user: pseudonymizer.pseudonym(provider: .whoop, rawUserID: user),
            objectID: objectID,
            time: delivery.signedAt
        )
        return NormalisedPayload(notifications: [notification])
    }
}
