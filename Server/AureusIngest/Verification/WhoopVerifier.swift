import AureusCrypto
import AureusProtocol

/// WHOOP developer API webhooks (v1 and v2 bodies).
///
/// `X-WHOOP-Signature` is base64(HMAC-SHA256(client secret, `{X-WHOOP-Signature-Timestamp}{raw
/// body}`)) with the timestamp in milliseconds since the epoch and no separator. WHOOP publishes
/// no tolerance; we apply the per-source one. Dedup id: the body's `trace_id` (WHOOP documents
/// it for exactly this), else SHA-256 over the body.
public struct WhoopVerifier: WebhookVerifier {
    public let toleranceSeconds: Int64
    public var kind: WebhookKind { .whoop }

    public init(toleranceSeconds: Int64 = WebhookTolerance.defaultSeconds) {
        self.toleranceSeconds = max(0, toleranceSeconds)
    }

    public func verify(_ request: WebhookRequest, secrets: SourceSecrets) throws(WebhookRejection) -> VerifiedDelivery {
        try SignatureChecks.requirePOST(request)
        let timestampText = try SignatureChecks.header("x-whoop-signature-timestamp", in: request)
        let signedAt = Timestamp(milliseconds: try SignatureChecks.digits(timestampText, header: "x-whoop-signature-timestamp"))
        let signatureText = try SignatureChecks.header("x-whoop-signature", in: request)
        guard let signature = StandardWebhookVerifier.decodeBase64(signatureText), signature.count == HMACSHA256.byteCount else {
            throw WebhookRejection(.malformedHeader, "header 'x-whoop-signature' is not a base64 HMAC-SHA256")
        }
        try SignatureChecks.checkTolerance(signedAt: signedAt, receivedAt: request.receivedAt, toleranceSeconds: toleranceSeconds)

        let message = Array(timestampText.utf8) + request.body
        guard let slot = SignatureChecks.match(candidates: [signature], message: message, secrets: secrets, at: request.receivedAt) else {
            throw WebhookRejection(.noMatchingSignature, "'x-whoop-signature' does not match a live secret")
        }
        if let json = try? JSONParser.parse(request.body), let traceID = json["trace_id"]?.stringValue,
            let id = try? SignatureChecks.providerID(traceID, header: "trace_id")
        {
            return VerifiedDelivery(kind: .whoop, eventID: id, eventIDOrigin: .payload, signedAt: signedAt, matchedSecret: slot)
        }
        return VerifiedDelivery(
            kind: .whoop,
            eventID: SignatureChecks.derivedID([request.body]),
            eventIDOrigin: .derived,
            signedAt: signedAt,
            matchedSecret: slot
        )
    }
}
