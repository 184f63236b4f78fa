import AureusCrypto
import AureusProtocol

/// Oura API v2 webhooks.
///
/// `x-oura-signature` is the UPPERCASE hex HMAC-SHA256 of `{x-oura-timestamp}{raw body}` (no
/// separator) keyed with the OAuth application's client secret (UTF-8). Hex is compared
/// case-insensitively by decoding it to bytes first.
///
/// Oura publishes no delivery id, so the dedup id is derived: SHA-256 over `user_id`,
/// `data_type`, `event_type`, `object_id` and `event_time` when the body has them (retries of the
/// same event share it, and the key carries no raw user id), else SHA-256 over the body.
/// Oura's examples use unix seconds; a value above 10^11 is read as milliseconds (our inference,
/// it only affects the tolerance check because the signature covers the header text as sent).
public struct OuraVerifier: WebhookVerifier {
    public let toleranceSeconds: Int64
    public var kind: WebhookKind { .oura }

    public init(toleranceSeconds: Int64 = WebhookTolerance.defaultSeconds) {
        self.toleranceSeconds = max(0, toleranceSeconds)
    }

    public func verify(_ request: WebhookRequest, secrets: SourceSecrets) throws(WebhookRejection) -> VerifiedDelivery {
        try SignatureChecks.requirePOST(request)
        let timestampText = try SignatureChecks.header("x-oura-timestamp", in: request)
        let number = try SignatureChecks.digits(timestampText, header: "x-oura-timestamp")
        let signedAt =
            number > 100_000_000_000
            ? Timestamp(milliseconds: number) : try SignatureChecks.fromSeconds(number, header: "x-oura-timestamp")
        let signatureText = try SignatureChecks.header("x-oura-signature", in: request)
        guard signatureText.utf8.count == 2 * HMACSHA256.byteCount, let signature = Hex.decode(signatureText) else {
            throw WebhookRejection(.malformedHeader, "header 'x-oura-signature' is not a hex HMAC-SHA256")
        }
        try SignatureChecks.checkTolerance(signedAt: signedAt, receivedAt: request.receivedAt, toleranceSeconds: toleranceSeconds)

        let message = Array(timestampText.utf8) + request.body
        guard let slot = SignatureChecks.match(candidates: [signature], message: message, secrets: secrets, at: request.receivedAt) else {
            throw WebhookRejection(.noMatchingSignature, "'x-oura-signature' does not match a live secret")
        }
        return VerifiedDelivery(
            kind: .oura,
            eventID: Self.eventID(body: request.body),
            eventIDOrigin: .derived,
            signedAt: signedAt,
            matchedSecret: slot
        )
    }

    static func eventID(body: [UInt8]) -> String {
        let fields = ["user_id", "data_type", "event_type", "object_id", "event_time"]
        guard let json = try? JSONParser.parse(body), json.objectValue != nil else { return SignatureChecks.derivedID([body]) }
        let parts = fields.map { Array((PayloadReader.scalarText(json[$0]) ?? "").utf8) }
        guard parts.contains(where: { !$0.isEmpty }) else { return SignatureChecks.derivedID([body]) }
        return SignatureChecks.derivedID(parts)
    }
}
