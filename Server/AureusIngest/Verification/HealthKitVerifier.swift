/// Our phone bridge apps sign exactly the Standard Webhooks way (`webhook-id`,
/// `webhook-timestamp`, `webhook-signature`, `whsec_` secrets), so any Standard Webhooks
/// library can produce deliveries; only the kind (and with it the normaliser) differs.
public struct HealthKitVerifier: WebhookVerifier {
    private let standard: StandardWebhookVerifier

    public init(toleranceSeconds: Int64 = WebhookTolerance.defaultSeconds) {
        standard = StandardWebhookVerifier(kind: .healthkit, toleranceSeconds: toleranceSeconds)
    }

    public var kind: WebhookKind { .healthkit }
    public var toleranceSeconds: Int64 { standard.toleranceSeconds }

    public func verify(_ request: WebhookRequest, secrets: SourceSecrets) throws(WebhookRejection) -> VerifiedDelivery {
        try standard.verify(request, secrets: secrets)
    }
}
