import AureusCrypto
import AureusProtocol

/// Terra API webhooks.
///
/// The signature header (`X-Terra-Signature`, or the documented/deprecated `terra-signature`)
/// reads `t=<unix s>,v1=<hex>[,v1=<hex>…]`; each `v1` is hex HMAC-SHA256 of `{t}.{raw body}`
/// keyed with the dashboard signing secret (UTF-8). Any one matching `v1` is enough, unknown
/// keys are ignored, as in Terra's JS SDK. Dedup id: the `X-Terra-Trace-Id` header (unique per
/// delivery, stable across retries; never `terra-reference`, which chunks share), else SHA-256
/// over the body.
public struct TerraVerifier: WebhookVerifier {
    public let toleranceSeconds: Int64
    public var kind: WebhookKind { .terra }

    public init(toleranceSeconds: Int64 = WebhookTolerance.defaultSeconds) {
        self.toleranceSeconds = max(0, toleranceSeconds)
    }

    public func verify(_ request: WebhookRequest, secrets: SourceSecrets) throws(WebhookRejection) -> VerifiedDelivery {
        try SignatureChecks.requirePOST(request)
        let name = request.headers["x-terra-signature"] != nil ? "x-terra-signature" : "terra-signature"
        let parsed = try Self.parse(SignatureChecks.header(name, in: request), header: name)
        let signedAt = try SignatureChecks.fromSeconds(parsed.seconds, header: name)
        try SignatureChecks.checkTolerance(signedAt: signedAt, receivedAt: request.receivedAt, toleranceSeconds: toleranceSeconds)

        let message = Array("\(parsed.timestampText).".utf8) + request.body
        guard let slot = SignatureChecks.match(candidates: parsed.signatures, message: message, secrets: secrets, at: request.receivedAt)
        else {
            throw WebhookRejection(.noMatchingSignature, "no v1 signature in '\(name)' matches a live secret")
        }
        if let trace = SignatureChecks.optionalHeader("x-terra-trace-id", in: request) {
            let id = try SignatureChecks.providerID(trace, header: "x-terra-trace-id")
            return VerifiedDelivery(kind: .terra, eventID: id, eventIDOrigin: .header, signedAt: signedAt, matchedSecret: slot)
        }
        return VerifiedDelivery(
            kind: .terra,
            eventID: SignatureChecks.derivedID([request.body]),
            eventIDOrigin: .derived,
            signedAt: signedAt,
            matchedSecret: slot
        )
    }

    struct ParsedHeader {
        var timestampText: String
        var seconds: Int64
        var signatures: [[UInt8]]
    }

    /// Splits on `,`, then each part on its first `=`; exactly one `t`, at least one `v1`.
    static func parse(_ value: String, header name: String) throws(WebhookRejection) -> ParsedHeader {
        let parts = value.split(separator: ",", omittingEmptySubsequences: true)
        guard parts.count <= SignatureChecks.maxSignatureEntries + 1 else {
            throw WebhookRejection(.malformedHeader, "header '\(name)' has too many entries")
        }
        var timestampText: String?
        var signatures: [[UInt8]] = []
        var sawV1 = false
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else {
                throw WebhookRejection(.malformedHeader, "header '\(name)' entries must look like 'key=value'")
            }
            let key = SignatureChecks.trim(String(part[..<equals]))
            let item = SignatureChecks.trim(String(part[part.index(after: equals)...]))
            switch key {
            case "t":
                guard timestampText == nil else { throw WebhookRejection(.malformedHeader, "header '\(name)' repeats 't'") }
                timestampText = item
            case "v1":
                sawV1 = true
                // Non-hex or wrong-length entries cannot match; skip them so a valid one still counts.
                if item.utf8.count == 2 * HMACSHA256.byteCount, let decoded = Hex.decode(item) { signatures.append(decoded) }
            default:
                continue
            }
        }
        guard let timestampText else { throw WebhookRejection(.malformedHeader, "header '\(name)' has no 't='") }
        let seconds = try SignatureChecks.digits(timestampText, header: name)
        guard sawV1 else { throw WebhookRejection(.unsupportedSignatureScheme, "header '\(name)' has no v1 entry") }
        return ParsedHeader(timestampText: timestampText, seconds: seconds, signatures: signatures)
    }
}
