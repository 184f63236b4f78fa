import AureusCrypto
import AureusProtocol

/// Signs a body the way each provider does, producing the headers its verifier expects.
/// The inverse of the verifiers: used by `aureusd simulate`, the ingest benchmark and tests.
public struct WebhookSigner: Sendable {
    public let kind: WebhookKind
    public let secret: WebhookSecret

    public init(kind: WebhookKind, secret: WebhookSecret) {
        self.kind = kind
        self.secret = secret
    }

    /// Headers for `body` sent at `time`. `eventID` is the Standard Webhooks `webhook-id` or
    /// Terra's trace id; Oura derives its id from the body and WHOOP reads `trace_id` from it.
    public func headers(body: [UInt8], eventID: String, time: Timestamp) -> [(String, String)] {
        let seconds = String(time.milliseconds / 1000)
        switch kind {
        case .standard, .healthkit:
            let mac = HMACSHA256.mac(key: secret.bytes, message: Array("\(eventID).\(seconds).".utf8) + body)
            return [
                ("webhook-id", eventID), ("webhook-timestamp", seconds), ("webhook-signature", "v1," + Base64.encode(mac)),
                ("content-type", "application/json"),
            ]
        case .oura:
            let mac = HMACSHA256.mac(key: secret.bytes, message: Array(seconds.utf8) + body)
            return [("x-oura-timestamp", seconds), ("x-oura-signature", Hex.encode(mac).uppercased()), ("content-type", "application/json")]
        case .whoop:
            let millis = String(time.milliseconds)
            let mac = HMACSHA256.mac(key: secret.bytes, message: Array(millis.utf8) + body)
            return [
                ("X-WHOOP-Signature-Timestamp", millis), ("X-WHOOP-Signature", Base64.encode(mac)), ("content-type", "application/json"),
            ]
        case .terra:
            let mac = HMACSHA256.mac(key: secret.bytes, message: Array("\(seconds).".utf8) + body)
            return [
                ("terra-signature", "t=\(seconds),v1=\(Hex.encode(mac))"), ("X-Terra-Trace-Id", eventID), ("content-type", "application/json"),
            ]
        }
    }
}
