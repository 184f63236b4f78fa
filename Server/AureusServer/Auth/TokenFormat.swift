import AureusCore
import AureusCrypto

/// Bearer tokens: a prefix saying what they are, then 256 random bits, URL-safe base64.
///
/// Only `SHA-256(token)` is stored, so the database never holds a usable credential. The
/// prefix lets the server look in the right table without trying both.
enum TokenFormat {
    static let sessionPrefix = "aus_"
    static let apiTokenPrefix = "aut_"

    static func newSessionToken() -> String { sessionPrefix + Base64.encode(SecureRandom.bytes(32), variant: .urlSafeNoPadding) }
    static func newAPIToken() -> String { apiTokenPrefix + Base64.encode(SecureRandom.bytes(32), variant: .urlSafeNoPadding) }

    static func hash(_ token: String) -> String { Hex.encode(SHA256.hash(Array(token.utf8))) }

    /// A random password for the bootstrap admin: 24 URL-safe characters (144 bits).
    static func newPassword() -> String { Base64.encode(SecureRandom.bytes(18), variant: .urlSafeNoPadding) }
}
