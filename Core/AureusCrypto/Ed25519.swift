import CSodium

/// Ed25519 signatures (RFC 8032) through libsodium.
public enum Ed25519 {
    public static let publicKeyBytes = Int(crypto_sign_PUBLICKEYBYTES)
    public static let secretKeyBytes = Int(crypto_sign_SECRETKEYBYTES)
    public static let seedBytes = Int(crypto_sign_SEEDBYTES)
    public static let signatureBytes = Int(crypto_sign_BYTES)

    public struct PublicKey: Sendable, Hashable {
        public let bytes: [UInt8]
        public init(bytes: [UInt8]) throws {
            guard bytes.count == Ed25519.publicKeyBytes else { throw CryptoError("an Ed25519 public key is 32 bytes, got \(bytes.count)") }
            self.bytes = bytes
        }

        public func verify(signature: [UInt8], message: some Collection<UInt8>) -> Bool {
            Sodium.ready()
            guard signature.count == Ed25519.signatureBytes else { return false }
            let messageBytes = Array(message)
            return crypto_sign_verify_detached(signature, messageBytes, UInt64(messageBytes.count), bytes) == 0
        }
    }

    /// A key pair. The secret key is libsodium's 64-byte form (seed ‖ public key).
    public struct KeyPair: Sendable {
        public let publicKey: PublicKey
        public let secretKey: [UInt8]

        /// A fresh random key pair.
        public init() {
            Sodium.ready()
            var pk = [UInt8](repeating: 0, count: Ed25519.publicKeyBytes)
            var sk = [UInt8](repeating: 0, count: Ed25519.secretKeyBytes)
            _ = crypto_sign_keypair(&pk, &sk)
            self.publicKey = try! PublicKey(bytes: pk)
            self.secretKey = sk
        }

        /// The key pair derived from a 32-byte seed (RFC 8032's private key).
        public init(seed: [UInt8]) throws {
            Sodium.ready()
            guard seed.count == Ed25519.seedBytes else { throw CryptoError("an Ed25519 seed is 32 bytes, got \(seed.count)") }
            var pk = [UInt8](repeating: 0, count: Ed25519.publicKeyBytes)
            var sk = [UInt8](repeating: 0, count: Ed25519.secretKeyBytes)
            _ = crypto_sign_seed_keypair(&pk, &sk, seed)
            self.publicKey = try PublicKey(bytes: pk)
            self.secretKey = sk
        }

        public var seed: [UInt8] { Array(secretKey.prefix(Ed25519.seedBytes)) }

        public func sign(_ message: some Collection<UInt8>) -> [UInt8] {
            Sodium.ready()
            let messageBytes = Array(message)
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureBytes)
            _ = crypto_sign_detached(&signature, nil, messageBytes, UInt64(messageBytes.count), secretKey)
            return signature
        }
    }
}

extension Ed25519.PublicKey {
    /// The id an approver key goes by: `ak-` and the first 16 hex digits of SHA-256 over the key.
    /// Derived, not assigned, so the client (`aureus keys init`) and the server (`keys.register`)
    /// name the same key the same way without asking each other.
    public var approverKeyID: String { "ak-" + String(SHA256.hex(bytes).prefix(16)) }
}
