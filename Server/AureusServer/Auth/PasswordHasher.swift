import AureusCrypto
import NIOPosix

/// Argon2id hashing on the thread pool: each call costs ~50 ms of CPU and 64 MiB by design,
/// which must never run on an event loop or a cooperative-pool thread.
struct PasswordHasher: Sendable {
    let parameters: Argon2id.Parameters
    let threadPool: NIOThreadPool
    /// Verified against when the user does not exist, so a miss costs the same time as a hit.
    let decoyHash: String

    init(parameters: Argon2id.Parameters, threadPool: NIOThreadPool) throws {
        self.parameters = parameters
        self.threadPool = threadPool
        // With the production parameters the decoy is a constant (a hash of 24 random bytes
        // nobody kept), so start-up does not spend ~70 ms computing one.
        self.decoyHash =
            parameters == .interactive
            ? Self.interactiveDecoy : try Argon2id.hash(password: Hex.encode(SecureRandom.bytes(16)), parameters: parameters)
    }

    static let interactiveDecoy = "$argon2id$v=19$m=65536,t=2,p=1$HxA/4YUjYrwuJ+3ou+wv8g$r8o9HzMacFEyfEa/N0i6ghTG4nMgyxcOgJ73LV3K5SA"

    func hash(_ password: String) async throws -> String {
        let parameters = parameters
        return try await threadPool.runIfActive { try Argon2id.hash(password: password, parameters: parameters) }
    }

    func verify(_ password: String, hash: String?) async throws -> Bool {
        let decoy = decoyHash
        return try await threadPool.runIfActive {
            guard let hash else {
                _ = Argon2id.verify(password: password, hash: decoy)
                return false
            }
            return Argon2id.verify(password: password, hash: hash)
        }
    }

    /// The minimum a password must meet. Long passphrases are encouraged, so only length is checked.
    static func check(newPassword: String) throws(AuthError) {
        guard newPassword.count >= 8 else { throw AuthError(code: .weakPassword("a password needs at least 8 characters")) }
        guard newPassword.utf8.count <= 1024 else { throw AuthError(code: .weakPassword("a password may have at most 1024 bytes")) }
    }
}
