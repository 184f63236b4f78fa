/// Bytes signed with Ed25519 under a named key, in the text form approval tokens travel in:
/// `<b64url(payload)>.<b64url(signature)>.<keyID>` (base64url without padding).
///
/// Generic over the payload so this module needs nothing from AureusCore: the server signs
/// `ApprovalToken.canonicalBytes` here, and AureusCore's `TokenEnvelope` reads the same format.
/// Both test the same known string (`"e30.AQID.k1"`), which keeps the two spellings in step.
public struct SignedEnvelope: Sendable, Hashable {
    public static let algorithm = "ed25519"

    public var keyID: String
    public var payload: [UInt8]
    public var signature: [UInt8]

    public init(keyID: String, payload: [UInt8], signature: [UInt8]) {
        self.keyID = keyID
        self.payload = payload
        self.signature = signature
    }

    /// Signs `payload` with `key`.
    /// - Throws: `CryptoError` when `keyID` is not 1–64 characters of `A–Z a–z 0–9 _ -`.
    public static func sign(_ payload: [UInt8], with key: Ed25519.KeyPair, keyID: String) throws(CryptoError) -> SignedEnvelope {
        guard isValidKeyID(keyID) else { throw CryptoError("a key id is 1-64 characters of A-Z a-z 0-9 _ -") }
        return SignedEnvelope(keyID: keyID, payload: payload, signature: key.sign(payload))
    }

    public var text: String {
        Base64.encode(payload, variant: .urlSafeNoPadding) + "." + Base64.encode(signature, variant: .urlSafeNoPadding) + "." + keyID
    }

    /// nil unless `text` has exactly three parts, strict base64url and a valid key id.
    public init?(text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, Self.isValidKeyID(String(parts[2])),
            let payload = Base64.decode(String(parts[0]), variant: .urlSafeNoPadding), !payload.isEmpty,
            let signature = Base64.decode(String(parts[1]), variant: .urlSafeNoPadding)
        else { return nil }
        self.init(keyID: String(parts[2]), payload: payload, signature: signature)
    }

    /// True when `key` signed exactly these payload bytes.
    public func isSigned(by key: Ed25519.PublicKey) -> Bool { key.verify(signature: signature, message: payload) }

    public static func isValidKeyID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
            }
    }
}
