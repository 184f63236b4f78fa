import AureusProtocol

/// One inbound webhook delivery as the HTTP edge saw it: the raw body bytes (never re-serialised
/// JSON, because every provider signs the exact bytes it sent) and our own receive time.
///
/// - Important: `receivedAt` comes from the server's clock, not from the request; tolerance and
///   secret-expiry decisions are made against it so a sender cannot move them.
public struct WebhookRequest: Sendable, Equatable {
    public var method: String
    public var headers: HeaderFields
    public var body: [UInt8]
    public var receivedAt: Timestamp

    public init(method: String = "POST", headers: HeaderFields, body: [UInt8], receivedAt: Timestamp) {
        self.method = method
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
    }
}
