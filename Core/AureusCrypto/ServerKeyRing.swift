/// The server's approval-token signing key plus every public key it has used, so tokens signed
/// before a rotation keep verifying until they expire.
///
/// A value: the server keeps it behind a `Mutex` and persists `publicKeys` (and the current seed,
/// encrypted at rest) itself. `aureus verify TOKEN --keys FILE` builds a verify-only ring from the
/// published `publicKeys`. Times are epoch milliseconds because this module knows no `Timestamp`.
///
/// ```swift
/// var ring = try ServerKeyRing(current: Ed25519.KeyPair(), keyID: "srv-1", since: nowMillis)
/// let token = try ring.sign(canonicalBytes).text
/// try ring.rotate(to: Ed25519.KeyPair(), keyID: "srv-2", at: laterMillis)  // srv-1 still verifies
/// ```
public struct ServerKeyRing: Sendable {
    /// One public key and when it was the signing key. Codable with the field names of the keys file.
    public struct Entry: Sendable, Hashable, Codable {
        public var keyID: String
        public var algorithm: String
        /// Standard base64 of the 32-byte Ed25519 public key.
        public var publicKey: String
        public var validFromMilliseconds: Int64?
        public var retiredAtMilliseconds: Int64?

        public init(keyID: String, publicKey: Ed25519.PublicKey, validFromMilliseconds: Int64?, retiredAtMilliseconds: Int64? = nil) {
            self.keyID = keyID
            self.algorithm = SignedEnvelope.algorithm
            self.publicKey = Base64.encode(publicKey.bytes)
            self.validFromMilliseconds = validFromMilliseconds
            self.retiredAtMilliseconds = retiredAtMilliseconds
        }

        enum CodingKeys: String, CodingKey {
            case keyID = "key_id"
            case algorithm
            case publicKey = "public_key"
            case validFromMilliseconds = "valid_from_ms"
            case retiredAtMilliseconds = "retired_at_ms"
        }

        /// The decoded key; nil for another algorithm or a bad encoding (a hand-edited keys file).
        public var key: Ed25519.PublicKey? {
            guard algorithm == SignedEnvelope.algorithm, let bytes = Base64.decode(publicKey) else { return nil }
            return try? Ed25519.PublicKey(bytes: bytes)
        }
    }

    public enum Failure: String, Error, Sendable, Hashable {
        case malformed
        case unknownKey = "unknown_key"
        case badSignature = "bad_signature"
    }

    /// Every key ever used, oldest first; the current one is last and has no `retiredAtMilliseconds`.
    public private(set) var publicKeys: [Entry]
    public private(set) var currentKeyID: String?
    private var currentKey: Ed25519.KeyPair?

    /// A signing ring whose first key is `current`.
    public init(current: Ed25519.KeyPair, keyID: String, since: Int64) throws(CryptoError) {
        guard SignedEnvelope.isValidKeyID(keyID) else { throw CryptoError("invalid key id '\(keyID)'") }
        publicKeys = [Entry(keyID: keyID, publicKey: current.publicKey, validFromMilliseconds: since)]
        currentKeyID = keyID
        currentKey = current
    }

    /// A verify-only ring (the offline CLI, other services).
    /// - Throws: `CryptoError` on a duplicate key id or an entry whose key cannot be decoded.
    public init(publicKeys: [Entry]) throws(CryptoError) {
        var seen: Set<String> = []
        for entry in publicKeys {
            guard seen.insert(entry.keyID).inserted else { throw CryptoError("key id '\(entry.keyID)' appears twice") }
            guard entry.key != nil else { throw CryptoError("key '\(entry.keyID)' is not a valid \(SignedEnvelope.algorithm) public key") }
        }
        self.publicKeys = publicKeys
        currentKeyID = nil
        currentKey = nil
    }

    /// Makes `next` the signing key from `at` on; the previous key is retired at `at` but kept.
    public mutating func rotate(to next: Ed25519.KeyPair, keyID: String, at: Int64) throws(CryptoError) {
        guard SignedEnvelope.isValidKeyID(keyID) else { throw CryptoError("invalid key id '\(keyID)'") }
        guard !publicKeys.contains(where: { $0.keyID == keyID }) else { throw CryptoError("key id '\(keyID)' was already used") }
        if let index = publicKeys.firstIndex(where: { $0.keyID == currentKeyID }) { publicKeys[index].retiredAtMilliseconds = at }
        publicKeys.append(Entry(keyID: keyID, publicKey: next.publicKey, validFromMilliseconds: at))
        currentKeyID = keyID
        currentKey = next
    }

    /// Signs with the current key.
    /// - Throws: `CryptoError` on a verify-only ring.
    public func sign(_ payload: [UInt8]) throws(CryptoError) -> SignedEnvelope {
        guard let currentKey, let currentKeyID else { throw CryptoError("this key ring holds no signing key") }
        return try SignedEnvelope.sign(payload, with: currentKey, keyID: currentKeyID)
    }

    public func entry(for keyID: String) -> Entry? { publicKeys.first { $0.keyID == keyID } }

    /// Checks the envelope's signature under the key it names. Validity windows are checked by the
    /// caller against the payload's issue time (`entry(for:)`), since only it can read the payload.
    public func verify(_ text: String) -> Result<SignedEnvelope, Failure> {
        guard let envelope = SignedEnvelope(text: text) else { return .failure(.malformed) }
        guard let key = entry(for: envelope.keyID)?.key else { return .failure(.unknownKey) }
        return envelope.isSigned(by: key) ? .success(envelope) : .failure(.badSignature)
    }
}
