import AureusCrypto

/// The key bytes of one webhook signing secret.
///
/// Providers disagree on how a configured secret string becomes key bytes: Standard Webhooks
/// base64-decodes the part after `whsec_`, while Oura, WHOOP and Terra use the UTF-8 bytes of
/// the whole string. `init(configured:kind:)` applies the right rule once, at configuration time.
/// - Important: `description` never shows key material.
public struct WebhookSecret: Sendable, Equatable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Raw key bytes (tests, or secrets already decoded elsewhere). Must not be empty.
    public init(bytes: [UInt8]) throws(WebhookSecretError) {
        guard !bytes.isEmpty else { throw WebhookSecretError("a webhook secret must not be empty") }
        self.bytes = bytes
    }

    /// Decodes a secret string the way `kind` expects it.
    ///
    /// ```swift
    /// let secret = try WebhookSecret(configured: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", kind: .standard)
    /// ```
    /// - Throws: `WebhookSecretError` for an empty string or (standard/healthkit) invalid base64.
    public init(configured text: String, kind: WebhookKind) throws(WebhookSecretError) {
        if kind.usesStandardSecretEncoding {
            try self.init(standard: text)
        } else {
            try self.init(bytes: Array(text.utf8))
        }
    }

    /// A Standard Webhooks secret: optional `whsec_` prefix, then base64 (padding optional, as the
    /// reference Python library accepts it).
    public init(standard text: String) throws(WebhookSecretError) {
        var body = Substring(text)
        if body.hasPrefix("whsec_") { body = body.dropFirst(6) }
        guard body.count % 4 != 1 else { throw WebhookSecretError("the whsec_ secret is not valid base64") }
        let padded = String(body) + String(repeating: "=", count: (4 - body.count % 4) % 4)
        guard let decoded = Base64.decode(padded) else { throw WebhookSecretError("the whsec_ secret is not valid base64") }
        try self.init(bytes: decoded)
    }

    public var description: String { "WebhookSecret(\(bytes.count) bytes)" }
}

/// A configured secret could not be turned into key bytes (a configuration error, not a request error).
public struct WebhookSecretError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { "webhook secret: \(reason)" }
}
