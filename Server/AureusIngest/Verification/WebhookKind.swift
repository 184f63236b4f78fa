/// The signature scheme and payload family of a webhook source.
///
/// A source (configured by an admin) has exactly one kind; the kind picks the verifier, the
/// secret encoding and the normaliser, so adding a provider means adding one case here and
/// one file per concern.
public enum WebhookKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Standard Webhooks 1.0 (also Svix): `webhook-id`/`webhook-timestamp`/`webhook-signature`.
    case standard
    /// Oura API v2: `x-oura-signature` (uppercase hex) over timestamp + body.
    case oura
    /// WHOOP developer API: `X-WHOOP-Signature` (base64) over millisecond timestamp + body.
    case whoop
    /// Terra: `terra-signature: t=…,v1=…` (hex) over `t.body`.
    case terra
    /// Our phone bridge apps: the documented HealthKit sample schema, signed the Standard Webhooks way.
    case healthkit

    /// True when secrets are `whsec_` + base64 (the Standard Webhooks convention); otherwise the
    /// provider uses the UTF-8 bytes of the secret string as the HMAC key.
    public var usesStandardSecretEncoding: Bool {
        switch self {
        case .standard, .healthkit: true
        case .oura, .whoop, .terra: false
        }
    }
}
