import AureusCrypto

/// A stable pseudonym for a provider user: the only user identity normalised data carries.
public struct UserPseudonym: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { value }
}

/// Turns a raw provider user id into a pseudonym, injected so the key lives in server
/// configuration and tests can see exactly what is hashed.
///
/// ```swift
/// let pseudonymizer = UserPseudonymizer.keyedHash(key: sharedKey)
/// ```
public struct UserPseudonymizer: Sendable {
    private let body: @Sendable (WebhookKind, String) -> String

    public init(_ body: @escaping @Sendable (_ provider: WebhookKind, _ rawUserID: String) -> String) {
        self.body = body
    }

    public func pseudonym(provider: WebhookKind, rawUserID: String) -> UserPseudonym {
        UserPseudonym(body(provider, rawUserID))
    }

    /// Hex HMAC-SHA256 over `provider 0x00 rawUserID`: the same person has unrelated pseudonyms
    /// at different providers unless linked elsewhere on purpose, and without the key the
    /// pseudonym cannot be reversed by hashing guessed ids.
    public static func keyedHash(key: [UInt8]) -> UserPseudonymizer {
        UserPseudonymizer { provider, rawUserID in
            Hex.encode(HMACSHA256.mac(key: key, message: Array(provider.rawValue.utf8) + [0] + Array(rawUserID.utf8)))
        }
    }
}
