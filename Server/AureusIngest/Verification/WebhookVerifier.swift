/// Checks that a delivery was signed by the source's provider, recently, with a live secret.
///
/// One conforming type per `WebhookKind` (one file each). Verifiers are pure: no clock (the
/// request carries `receivedAt`), no I/O, no dedup state; the HTTP adapter calls `verify`, then
/// asks the dedup window about `VerifiedDelivery.dedupKey`, then normalises.
///
/// ```swift
/// let verifier = WebhookKind.terra.verifier(toleranceSeconds: 300)
/// let delivery = try verifier.verify(request, secrets: source.secrets)
/// ```
public protocol WebhookVerifier: Sendable {
    var kind: WebhookKind { get }
    /// Largest accepted distance, in seconds, between the signed timestamp and `receivedAt`,
    /// in both directions (old deliveries are replays, future ones are clock abuse).
    var toleranceSeconds: Int64 { get }

    func verify(_ request: WebhookRequest, secrets: SourceSecrets) throws(WebhookRejection) -> VerifiedDelivery
}

/// Timestamp tolerance defaults.
public enum WebhookTolerance {
    /// Five minutes: the Standard Webhooks reference libraries and the Terra SDK use it; Oura and
    /// WHOOP publish none, so we apply the same policy to them.
    public static let defaultSeconds: Int64 = 300
}

extension WebhookKind {
    /// The verifier for this kind with a per-source tolerance (negative values count as 0).
    public func verifier(toleranceSeconds: Int64 = WebhookTolerance.defaultSeconds) -> any WebhookVerifier {
        switch self {
        case .standard: StandardWebhookVerifier(toleranceSeconds: toleranceSeconds)
        case .healthkit: HealthKitVerifier(toleranceSeconds: toleranceSeconds)
        case .oura: OuraVerifier(toleranceSeconds: toleranceSeconds)
        case .whoop: WhoopVerifier(toleranceSeconds: toleranceSeconds)
        case .terra: TerraVerifier(toleranceSeconds: toleranceSeconds)
        }
    }
}
