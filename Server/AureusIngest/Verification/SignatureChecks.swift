import AureusCrypto
import AureusProtocol

/// The steps every scheme shares: header extraction, strict timestamp parsing, the tolerance
/// window, trying each live secret in constant time, and id derivation. Kept in one place so
/// each provider file only states its own header names, signing string and encoding.
enum SignatureChecks {
    /// Upper bound on signature entries read from one header, so a hostile header cannot make
    /// us do unbounded work (real senders use one or two).
    static let maxSignatureEntries = 16
    /// Upper bound on a provider id used as a dedup key.
    static let maxIDLength = 256

    static func requirePOST(_ request: WebhookRequest) throws(WebhookRejection) {
        guard request.method.uppercased() == "POST" else {
            throw WebhookRejection(.unsupportedMethod, "webhook deliveries must be POST")
        }
    }

    /// The single value of a required header, trimmed of optional whitespace. Repeated copies
    /// must agree: a sender that disagrees with itself is malformed.
    static func header(_ name: String, in request: WebhookRequest) throws(WebhookRejection) -> String {
        guard let value = optionalHeader(name, in: request) else {
            throw WebhookRejection(.missingHeader, "missing header '\(name)'")
        }
        guard !value.isEmpty else { throw WebhookRejection(.malformedHeader, "header '\(name)' is empty") }
        guard Set(request.headers.values(name).map(trim)).count == 1 else {
            throw WebhookRejection(.malformedHeader, "header '\(name)' is repeated with different values")
        }
        return value
    }

    static func optionalHeader(_ name: String, in request: WebhookRequest) -> String? {
        request.headers[name].map(trim)
    }

    static func trim(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }

    /// A non-negative decimal integer of at most 15 digits (no sign, no spaces: `Int64("+1")`
    /// would accept more than any provider sends).
    static func digits(_ text: String, header name: String) throws(WebhookRejection) -> Int64 {
        let bytes = Array(text.utf8)
        guard (1...15).contains(bytes.count), bytes.allSatisfy({ (48...57).contains($0) }), let value = Int64(text) else {
            throw WebhookRejection(.malformedHeader, "header '\(name)' is not a unix timestamp")
        }
        return value
    }

    /// Rejects when `signedAt` is more than `toleranceSeconds` away from `receivedAt`; exactly
    /// at the tolerance is accepted.
    static func checkTolerance(signedAt: Timestamp, receivedAt: Timestamp, toleranceSeconds: Int64) throws(WebhookRejection) {
        let (skew, overflow) = receivedAt.milliseconds.subtractingReportingOverflow(signedAt.milliseconds)
        let (limit, limitOverflow) = max(0, toleranceSeconds).multipliedReportingOverflow(by: 1000)
        if limitOverflow { return }
        guard !overflow, skew.magnitude <= UInt64(limit) else {
            let seconds = overflow ? Int64.min : skew / 1000
            let direction = skew >= 0 && !overflow ? "old" : "in the future"
            throw WebhookRejection(
                .timestampOutsideTolerance,
                "signed timestamp is \(seconds.magnitude) s \(direction); tolerance is \(toleranceSeconds) s",
                skewSeconds: seconds
            )
        }
    }

    /// Unix seconds to a `Timestamp`.
    static func fromSeconds(_ seconds: Int64, header name: String) throws(WebhookRejection) -> Timestamp {
        let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { throw WebhookRejection(.malformedHeader, "header '\(name)' is out of range") }
        return Timestamp(milliseconds: millis)
    }

    /// The first live secret whose HMAC of `message` equals one of `candidates`, compared in
    /// constant time over decoded bytes.
    static func match(candidates: [[UInt8]], message: [UInt8], secrets: SourceSecrets, at now: Timestamp) -> SecretSlot? {
        for (slot, secret) in secrets.candidates(at: now) {
            let expected = HMACSHA256.mac(key: secret.bytes, message: message)
            var matched = false
            for candidate in candidates where ConstantTime.equals(expected, candidate) { matched = true }
            if matched { return slot }
        }
        return nil
    }

    /// A provider id used as a dedup key: 1…256 visible ASCII characters.
    static func providerID(_ text: String, header name: String) throws(WebhookRejection) -> String {
        let bytes = Array(text.utf8)
        guard (1...maxIDLength).contains(bytes.count), bytes.allSatisfy({ (33...126).contains($0) }) else {
            throw WebhookRejection(.malformedHeader, "header '\(name)' is not a valid delivery id")
        }
        return text
    }

    /// `sha256:<hex>` over length-prefixed parts, so ids derived from provider fields cannot
    /// collide by concatenation and never carry raw user ids into the dedup store.
    static func derivedID(_ parts: [[UInt8]]) -> String {
        var message: [UInt8] = []
        for part in parts {
            message.append(contentsOf: String(part.count).utf8)
            message.append(UInt8(ascii: ":"))
            message.append(contentsOf: part)
        }
        return "sha256:" + SHA256.hex(message)
    }
}
