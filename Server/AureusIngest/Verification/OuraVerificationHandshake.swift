import AureusCrypto
import AureusProtocol

/// Oura's subscription handshake: on create, update and renew Oura calls
/// `GET {callback}?verification_token=…&challenge=…` and expects `200 {"challenge": "<value>"}`.
///
/// The token is the one we chose when subscribing; it is compared in constant time. The reply is
/// built with `CanonicalJSON` so the challenge is escaped correctly whatever it contains.
public enum OuraVerificationHandshake {
    /// The longest challenge we echo back; Oura's are short, anything longer is abuse.
    public static let maxChallengeLength = 1024

    /// - Parameters:
    ///   - queryItems: the decoded query of the GET request, in order (first occurrence wins).
    ///   - verificationToken: the token configured for this source.
    /// - Returns: the JSON response body, e.g. `{"challenge":"abc"}`.
    /// - Throws: `missing_query_item` / `invalid_query_item` (400) or `verification_token_mismatch` (401).
    public static func respond(queryItems: [(name: String, value: String)], verificationToken: String) throws(WebhookRejection) -> [UInt8] {
        func item(_ name: String) throws(WebhookRejection) -> String {
            guard let value = queryItems.first(where: { $0.name == name })?.value, !value.isEmpty else {
                throw WebhookRejection(.missingQueryItem, "query item '\(name)' is missing")
            }
            return value
        }
        let token = try item("verification_token")
        let challenge = try item("challenge")
        guard !verificationToken.isEmpty, ConstantTime.equals(Array(token.utf8), Array(verificationToken.utf8)) else {
            throw WebhookRejection(.verificationTokenMismatch, "verification_token does not match this source")
        }
        guard challenge.utf8.count <= maxChallengeLength else {
            throw WebhookRejection(.invalidQueryItem, "query item 'challenge' is longer than \(maxChallengeLength) bytes")
        }
        return CanonicalJSON.encode(["challenge": .string(challenge)])
    }
}
