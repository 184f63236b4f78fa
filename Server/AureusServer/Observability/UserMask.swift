import AureusCore
import AureusCrypto

/// Masks usernames for logs: the first character and a keyed fingerprint. The key is random
/// per process, so log lines correlate within a run but a log file alone never names a user
/// and cannot be matched against a list of candidate names.
struct UserMask: Sendable {
    private let key = SecureRandom.bytes(16)

    func callAsFunction(_ username: String) -> MaskedUser {
        MaskedUser(username, fingerprint: Hex.encode(HMACSHA256.mac(key: key, message: Array(username.utf8)).prefix(4)))
    }
}
