import AureusProtocol

/// A user as the store keeps it. The password hash is an Argon2id string (`$argon2id$…`).
public struct UserRecord: Sendable, Hashable {
    public var id: Int64
    public var username: String
    public var role: Role
    public var passwordHash: String
    public var disabled: Bool
    public var createdAt: Timestamp

    public init(id: Int64, username: String, role: Role, passwordHash: String, disabled: Bool, createdAt: Timestamp) {
        self.id = id
        self.username = username
        self.role = role
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
    }

    public var info: UserInfo { UserInfo(id: id, username: username, role: role, disabled: disabled, createdAt: createdAt) }
}

public struct NewUser: Sendable, Hashable {
    public var username: String
    public var role: Role
    public var passwordHash: String
    public var createdAt: Timestamp

    public init(username: String, role: Role, passwordHash: String, createdAt: Timestamp) {
        self.username = username
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// A login session. Only the SHA-256 of the bearer token is stored (hex), so a stolen
/// database does not yield usable tokens.
public struct SessionRecord: Sendable, Hashable {
    public var tokenHash: String
    public var userID: Int64
    public var createdAt: Timestamp
    public var expiresAt: Timestamp

    public init(tokenHash: String, userID: Int64, createdAt: Timestamp, expiresAt: Timestamp) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A long-lived API token for scripts; like sessions, stored as a hash.
public struct APITokenRecord: Sendable, Hashable {
    public var id: Int64
    public var userID: Int64
    public var name: String
    public var role: Role
    public var tokenHash: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var revoked: Bool

    public init(id: Int64, userID: Int64, name: String, role: Role, tokenHash: String, createdAt: Timestamp, expiresAt: Timestamp, revoked: Bool) {
        self.id = id
        self.userID = userID
        self.name = name
        self.role = role
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revoked = revoked
    }
}

public struct NewAPIToken: Sendable, Hashable {
    public var userID: Int64
    public var name: String
    public var role: Role
    public var tokenHash: String
    public var createdAt: Timestamp
    public var expiresAt: Timestamp

    public init(userID: Int64, name: String, role: Role, tokenHash: String, createdAt: Timestamp, expiresAt: Timestamp) {
        self.userID = userID
        self.name = name
        self.role = role
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
