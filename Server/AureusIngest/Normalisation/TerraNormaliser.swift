import AureusProtocol

/// Terra envelopes are `{"type", "user": {"user_id", …}, "data": [...], "version"}`.
///
/// Data events (`activity`, `body`, `daily`, `sleep`) become samples, read with
/// `TerraSampleExtractor` from each element of `data`; every other type (`auth`, `deauth`,
/// `healthcheck`, `nutrition`, …) becomes one notification named after `type`. The user is
/// Terra's `user.user_id`, pseudonymised.
public struct TerraNormaliser: WebhookNormaliser {
    public static let dataEventTypes: Set<String> = ["activity", "body", "daily", "sleep"]

    public let pseudonymizer: UserPseudonymizer
    public var kind: WebhookKind { .terra }

    public init(pseudonymizer: UserPseudonymizer) { self.pseudonymizer = pseudonymizer }

    public func normalise(_ body: [UInt8], delivery: VerifiedDelivery) throws(NormalisationError) -> NormalisedPayload {
        let document = try PayloadReader.document(body)
        let type = try PayloadReader.string(document["type"], "type")
        guard Self.dataEventTypes.contains(type) else {
            var user: UserPseudonym?
            if let raw = document["user"], raw != .null {
                let userObject = try PayloadReader.object(raw, "user")
                user = PayloadReader.scalarText(userObject["user_id"]).map { pseudonymizer.pseudonym(provider: .terra, rawUserID: $0) }
            }
            let notification = WebhookNotification(provider: .terra, eventType: type, user: user, objectID: nil, time: delivery.signedAt)
            return NormalisedPayload(notifications: [notification])
        }
        let userObject = try PayloadReader.object(document["user"], "user")
        let user = pseudonymizer.pseudonym(provider: .terra, rawUserID: try PayloadReader.identifier(userObject["user_id"], "user.user_id"))
        var extractor = TerraSampleExtractor(type: type, user: user)
        for (index, item) in try PayloadReader.array(document["data"], "data").enumerated() {
            guard item.objectValue != nil else {
                throw NormalisationError(.invalidField, path: "data[\(index)]", "expected an object, got \(item.typeName)")
            }
            extractor.extract(from: item)
        }
        return NormalisedPayload(samples: extractor.samples, skippedCount: extractor.skipped)
    }
}
