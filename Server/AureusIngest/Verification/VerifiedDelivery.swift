import AureusProtocol

/// What a successful verification proves about a delivery, and the key to deduplicate it by.
public struct VerifiedDelivery: Sendable, Equatable {
    /// Where `eventID` came from, so operators can tell provider ids from derived ones.
    public enum EventIDOrigin: String, Sendable, Hashable {
        /// A provider header: `webhook-id`, `X-Terra-Trace-Id`.
        case header
        /// A provider body field: WHOOP `trace_id`.
        case payload
        /// SHA-256 over identifying fields (Oura) or over the body when the provider sent no id.
        case derived
    }

    public let kind: WebhookKind
    /// The provider's delivery id, stable across retries; see `EventIDOrigin`.
    public let eventID: String
    public let eventIDOrigin: EventIDOrigin
    /// The time the sender signed (from the signature timestamp header).
    public let signedAt: Timestamp
    public let matchedSecret: SecretSlot

    public init(kind: WebhookKind, eventID: String, eventIDOrigin: EventIDOrigin, signedAt: Timestamp, matchedSecret: SecretSlot) {
        self.kind = kind
        self.eventID = eventID
        self.eventIDOrigin = eventIDOrigin
        self.signedAt = signedAt
        self.matchedSecret = matchedSecret
    }

    /// `kind:eventID`, the key the dedup window stores (scope it per source at the storage edge).
    public var dedupKey: String { "\(kind.rawValue):\(eventID)" }
}
