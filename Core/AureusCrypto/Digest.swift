import CSodium

/// SHA-256 through libsodium.
public enum SHA256 {
    public static let byteCount = Int(crypto_hash_sha256_BYTES)

    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        Sodium.ready()
        let input = Array(data)
        var out = [UInt8](repeating: 0, count: byteCount)
        _ = crypto_hash_sha256(&out, input, UInt64(input.count))
        return out
    }

    public static func hex(_ data: some Collection<UInt8>) -> String { Hex.encode(hash(data)) }
}

/// HMAC-SHA256 (RFC 2104) with keys of any length, as webhook providers use it.
public enum HMACSHA256 {
    public static let byteCount = Int(crypto_auth_hmacsha256_BYTES)

    public static func mac(key: some Collection<UInt8>, message: some Collection<UInt8>) -> [UInt8] {
        Sodium.ready()
        let keyBytes = Array(key)
        let messageBytes = Array(message)
        var state = crypto_auth_hmacsha256_state()
        var out = [UInt8](repeating: 0, count: byteCount)
        _ = crypto_auth_hmacsha256_init(&state, keyBytes, keyBytes.count)
        _ = crypto_auth_hmacsha256_update(&state, messageBytes, UInt64(messageBytes.count))
        _ = crypto_auth_hmacsha256_final(&state, &out)
        return out
    }

    /// Verifies in constant time.
    public static func verify(mac expected: [UInt8], key: some Collection<UInt8>, message: some Collection<UInt8>) -> Bool {
        ConstantTime.equals(mac(key: key, message: message), expected)
    }
}

/// Lowercase hex.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Accepts upper and lower case; nil on odd length or a non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var index = 0
        while index < chars.count {
            guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}

extension SHA256 {
    /// Incremental SHA-256 for data that arrives in pieces (a query result, page by page).
    public struct Hasher: Sendable {
        private var state = crypto_hash_sha256_state()

        public init() {
            Sodium.ready()
            _ = crypto_hash_sha256_init(&state)
        }

        public mutating func update(_ bytes: [UInt8]) {
            _ = crypto_hash_sha256_update(&state, bytes, UInt64(bytes.count))
        }

        /// The digest; the hasher must not be used afterwards.
        public mutating func finalize() -> [UInt8] {
            var out = [UInt8](repeating: 0, count: SHA256.byteCount)
            _ = crypto_hash_sha256_final(&state, &out)
            return out
        }
    }
}
