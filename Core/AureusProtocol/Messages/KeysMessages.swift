/// Params and results of `keys.*` (approver keys and the server's token-signing keys).

/// An approver's Ed25519 public key and where it is in its life.
public struct ApproverKeyInfo: Codable, Sendable, Hashable {
    /// `ak-` and the first 16 hex digits of SHA-256 over the public key.
    public var keyID: String
    public var username: String
    /// Standard base64 of the 32-byte public key.
    public var publicKey: String
    /// `pending` (registered, not yet usable), `confirmed` or `revoked`.
    public var status: String
    public var createdAt: Timestamp
    public var confirmedAt: Timestamp?
    public var confirmedBy: String?
    public var revokedAt: Timestamp?

    public init(
        keyID: String,
        username: String,
        publicKey: String,
        status: String,
        createdAt: Timestamp,
        confirmedAt: Timestamp?,
        confirmedBy: String?,
        revokedAt: Timestamp?
    ) {
        self.keyID = keyID
        self.username = username
        self.publicKey = publicKey
        self.status = status
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.confirmedBy = confirmedBy
        self.revokedAt = revokedAt
    }
}

public struct KeysRegisterParams: Codable, Sendable, Hashable {
    /// Standard base64 of the 32-byte Ed25519 public key (`aureus keys init` prints it).
    public var publicKey: String
    public init(publicKey: String) { self.publicKey = publicKey }
}

public struct KeyIDParams: Codable, Sendable, Hashable {
    public var keyID: String
    public init(keyID: String) { self.keyID = keyID }
}

public struct KeysListResult: Codable, Sendable, Hashable {
    public var keys: [ApproverKeyInfo]
    public init(keys: [ApproverKeyInfo]) { self.keys = keys }
}

/// A server token-signing public key, as `GET /v1/public-keys` publishes it and
/// `aureus verify --keys FILE` reads it.
public struct ServerPublicKeyInfo: Codable, Sendable, Hashable {
    public var keyID: String
    public var algorithm: String
    public var publicKey: String
    public var validFromMilliseconds: Int64?
    public var retiredAtMilliseconds: Int64?

    public init(keyID: String, algorithm: String, publicKey: String, validFromMilliseconds: Int64?, retiredAtMilliseconds: Int64?) {
        self.keyID = keyID
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.validFromMilliseconds = validFromMilliseconds
        self.retiredAtMilliseconds = retiredAtMilliseconds
    }

    /// The keys-file field names (shared with `ServerKeyRing.Entry`).
    enum CodingKeys: String, CodingKey {
        case keyID = "key_id"
        case algorithm
        case publicKey = "public_key"
        case validFromMilliseconds = "valid_from_ms"
        case retiredAtMilliseconds = "retired_at_ms"
    }
}

public struct PublicKeysResult: Codable, Sendable, Hashable {
    /// Oldest first; the key signing new tokens has no `retired_at_ms`.
    public var keys: [ServerPublicKeyInfo]
    /// The key id signing new tokens.
    public var current: String?
    public init(keys: [ServerPublicKeyInfo], current: String?) {
        self.keys = keys
        self.current = current
    }
}
