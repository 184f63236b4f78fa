/// The text form of a signed approval token: `<b64url(payload)>.<b64url(signature)>.<keyID>`.
///
/// Base64url without padding (RFC 4648 §5), so a token fits in a URL, a header and a shell argument.
/// The key id travels outside the payload so a verifier can pick the key before parsing anything,
/// and again inside it (signed) so it cannot be swapped. AureusCrypto's `SignedEnvelope` writes the
/// same format through libsodium; both sides test the same known string. Written by hand here
/// because Core must not link C, and strict: non-canonical base64 is refused, not repaired.
public struct TokenEnvelope: Sendable, Hashable {
    public var payload: [UInt8]
    public var signature: [UInt8]
    public var keyID: String

    public init(payload: [UInt8], signature: [UInt8], keyID: String) {
        self.payload = payload
        self.signature = signature
        self.keyID = keyID
    }

    public var text: String { Base64URL.encode(payload) + "." + Base64URL.encode(signature) + "." + keyID }

    /// nil unless `text` has exactly three parts, valid base64url and a valid key id.
    public init?(text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, Self.isValidKeyID(String(parts[2])),
            let payload = Base64URL.decode(String(parts[0])), !payload.isEmpty,
            let signature = Base64URL.decode(String(parts[1]))
        else { return nil }
        self.init(payload: payload, signature: signature, keyID: String(parts[2]))
    }

    /// Key ids are 1–64 characters of `A–Z a–z 0–9 _ -`, so they never clash with the separator.
    public static func isValidKeyID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
            }
    }
}

/// Base64url without padding, Foundation- and C-free.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let reverse: [UInt8: UInt8] = {
        var table: [UInt8: UInt8] = [:]
        for (index, byte) in alphabet.enumerated() { table[byte] = UInt8(index) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = (UInt32(chunk[0]) << 16) | (UInt32(chunk.count > 1 ? chunk[1] : 0) << 8) | UInt32(chunk.count > 2 ? chunk[2] : 0)
            for position in 0...chunk.count { out.append(alphabet[Int((value >> UInt32(18 - 6 * position)) & 0x3F)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// nil on a character outside the alphabet, padding, an impossible length or non-zero spare bits.
    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for char in chars {
            guard let sextet = reverse[char] else { return nil }
            accumulator = (accumulator << 6) | UInt32(sextet)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        guard accumulator & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }
}
