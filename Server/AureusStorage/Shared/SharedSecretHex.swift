import AureusCore
import AureusCrypto

/// Decoding of a stored shared secret, the same for both dialects.
enum SharedSecretHex {
    static func decode(_ stored: String?, name: String) throws -> [UInt8] {
        guard let stored, let bytes = Hex.decode(stored), !bytes.isEmpty else {
            throw StoreError(.engine, "shared secret '\(name)' is missing or not hex")
        }
        return bytes
    }
}
