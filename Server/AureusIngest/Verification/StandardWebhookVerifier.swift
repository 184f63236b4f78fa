import AureusCrypto
import AureusProtocol

/// Standard Webhooks 1.0 (standardwebhooks.com), which Svix also speaks.
///
/// Signed content is `{webhook-id}.{webhook-timestamp}.{raw body}`, HMAC-SHA256 keyed with the
/// base64-decoded `whsec_` secret, sent base64 as `v1,<sig>` entries in a space-separated
/// `webhook-signature` list (several entries while the sender rotates). Entries with other
/// versions (`v1a` ed25519, future `v2`) are skipped, as the reference libraries do. When the
/// `webhook-*` headers are absent, white-label-free Svix names (`svix-*`) are read instead.
/// Dedup id: `webhook-id` (the same on every retry).
public struct StandardWebhookVerifier: WebhookVerifier {
    public let kind: WebhookKind
    public let toleranceSeconds: Int64

    public init(toleranceSeconds: Int64 = WebhookTolerance.defaultSeconds) {
        self.init(kind: .standard, toleranceSeconds: toleranceSeconds)
    }

    init(kind: WebhookKind, toleranceSeconds: Int64) {
        self.kind = kind
        self.toleranceSeconds = max(0, toleranceSeconds)
    }

    public func verify(_ request: WebhookRequest, secrets: SourceSecrets) throws(WebhookRejection) -> VerifiedDelivery {
        try SignatureChecks.requirePOST(request)
        let usesSvixNames =
            kind == .standard && request.headers["webhook-signature"] == nil && request.headers["svix-signature"] != nil
        let prefix = usesSvixNames ? "svix" : "webhook"
        let id = try SignatureChecks.providerID(SignatureChecks.header("\(prefix)-id", in: request), header: "\(prefix)-id")
        let timestampText = try SignatureChecks.header("\(prefix)-timestamp", in: request)
        let seconds = try SignatureChecks.digits(timestampText, header: "\(prefix)-timestamp")
        let signedAt = try SignatureChecks.fromSeconds(seconds, header: "\(prefix)-timestamp")
        let signatureHeader = try SignatureChecks.header("\(prefix)-signature", in: request)
        let candidates = try Self.v1Signatures(signatureHeader, header: "\(prefix)-signature")
        try SignatureChecks.checkTolerance(signedAt: signedAt, receivedAt: request.receivedAt, toleranceSeconds: toleranceSeconds)

        let message = Array("\(id).\(timestampText).".utf8) + request.body
        guard let slot = SignatureChecks.match(candidates: candidates, message: message, secrets: secrets, at: request.receivedAt) else {
            throw WebhookRejection(.noMatchingSignature, "no v1 signature in '\(prefix)-signature' matches a live secret")
        }
        return VerifiedDelivery(kind: kind, eventID: id, eventIDOrigin: .header, signedAt: signedAt, matchedSecret: slot)
    }

    /// Decoded `v1` signatures from a space-separated `version,base64` list.
    static func v1Signatures(_ value: String, header name: String) throws(WebhookRejection) -> [[UInt8]] {
        let entries = value.split(separator: " ", omittingEmptySubsequences: true)
        guard entries.count <= SignatureChecks.maxSignatureEntries else {
            throw WebhookRejection(.malformedHeader, "header '\(name)' has more than \(SignatureChecks.maxSignatureEntries) entries")
        }
        var signatures: [[UInt8]] = []
        var sawV1 = false
        for entry in entries {
            guard let comma = entry.firstIndex(of: ",") else {
                throw WebhookRejection(.malformedHeader, "header '\(name)' entries must look like 'v1,<base64>'")
            }
            guard entry[..<comma] == "v1" else { continue }
            sawV1 = true
            // An entry that is not base64 cannot match; skipping it keeps a later valid entry usable.
            if let decoded = decodeBase64(String(entry[entry.index(after: comma)...])) { signatures.append(decoded) }
        }
        guard sawV1 else { throw WebhookRejection(.unsupportedSignatureScheme, "header '\(name)' has no v1 entry") }
        return signatures
    }

    /// Standard base64 with or without padding.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count % 4 != 1, text.utf8.count <= 128 else { return nil }
        let trimmed = text.hasSuffix("=") ? text : text + String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        return Base64.decode(trimmed)
    }
}
