/// Turns a verified body into biometric samples and notifications for one provider.
///
/// Normalisers run only after verification and never see headers: the `VerifiedDelivery`
/// supplies the fallback time. They never trap; a body they cannot use is a
/// `NormalisationError`, a single unusable item is skipped and counted.
///
/// ```swift
/// let normaliser = WebhookKind.whoop.normaliser(pseudonymizer: .keyedHash(key: key))
/// let payload = try normaliser.normalise(request.body, delivery: delivery)
/// ```
public protocol WebhookNormaliser: Sendable {
    var kind: WebhookKind { get }
    func normalise(_ body: [UInt8], delivery: VerifiedDelivery) throws(NormalisationError) -> NormalisedPayload
}

extension WebhookKind {
    public func normaliser(pseudonymizer: UserPseudonymizer) -> any WebhookNormaliser {
        switch self {
        case .standard: StandardPayloadNormaliser(pseudonymizer: pseudonymizer)
        case .oura: OuraNormaliser(pseudonymizer: pseudonymizer)
        case .whoop: WhoopNormaliser(pseudonymizer: pseudonymizer)
        case .terra: TerraNormaliser(pseudonymizer: pseudonymizer)
        case .healthkit: HealthKitNormaliser(pseudonymizer: pseudonymizer)
        }
    }
}
