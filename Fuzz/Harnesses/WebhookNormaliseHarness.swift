internal import AureusIngest
internal import AureusProtocol

/// Verified bodies through each provider's normaliser (payload → biometric samples and
/// notifications), skipping the signature step so every input reaches the JSON readers.
///
/// Byte 0 picks the provider (byte % 5), byte 1 how the delivery's id was found (which some
/// normalisers use as a fallback); the rest is the body.
public enum WebhookNormaliseHarness {
    public static func run(_ input: FuzzInput) {
        var input = input
        let kind = WebhookFixtures.kind(input.byte())
        let origins: [VerifiedDelivery.EventIDOrigin] = [.header, .payload, .derived]
        let origin = origins[Int(input.byte()) % origins.count]
        let body = Array(input.rest())
        let delivery = VerifiedDelivery(
            kind: kind,
            eventID: "msg_fuzz",
            eventIDOrigin: origin,
            signedAt: WebhookFixtures.receivedAt,
            matchedSecret: .current
        )
        do {
            let payload = try kind.normaliser(pseudonymizer: WebhookFixtures.pseudonymizer).normalise(body, delivery: delivery)
            _ = payload.samples.count + payload.notifications.count + payload.skippedCount
        } catch {
            _ = error.description
        }
    }
}
