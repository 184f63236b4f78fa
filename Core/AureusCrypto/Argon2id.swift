import CSodium

/// Argon2id password hashing (libsodium `crypto_pwhash_str`), with the parameters encoded in
/// the hash string so they can be raised later without breaking stored hashes.
///
/// - Important: Both calls take tens of milliseconds and 64 MiB by design; call them off the
///   event loop (the server runs them on its thread pool).
public enum Argon2id {
    public struct Parameters: Sendable, Hashable {
        public var opsLimit: UInt64
        public var memLimit: Int
        /// libsodium's INTERACTIVE limits: 2 passes, 64 MiB.
        public static let interactive = Parameters(
            opsLimit: UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE),
            memLimit: Int(crypto_pwhash_MEMLIMIT_INTERACTIVE)
        )
        /// For tests only: the minimum libsodium accepts.
        public static let minimal = Parameters(opsLimit: UInt64(crypto_pwhash_OPSLIMIT_MIN), memLimit: Int(crypto_pwhash_MEMLIMIT_MIN))
        public init(opsLimit: UInt64, memLimit: Int) {
            self.opsLimit = opsLimit
            self.memLimit = memLimit
        }
    }

    public static func hash(password: String, parameters: Parameters = .interactive) throws -> String {
        Sodium.ready()
        var out = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let chars = Array(password.utf8).map { CChar(bitPattern: $0) }
        let status = crypto_pwhash_str_alg(&out, chars, UInt64(chars.count), parameters.opsLimit, parameters.memLimit, crypto_pwhash_ALG_ARGON2ID13)
        guard status == 0 else { throw CryptoError("argon2id hashing failed (out of memory?)") }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `password` matches `hash`. Constant-time inside libsodium.
    public static func verify(password: String, hash: String) -> Bool {
        Sodium.ready()
        let chars = Array(password.utf8).map { CChar(bitPattern: $0) }
        let hashChars = Array(hash.utf8CString)
        return crypto_pwhash_str_verify(hashChars, chars, UInt64(chars.count)) == 0
    }
}
