/// Params and results of `auth.*`, `users.*` and `tokens.*`.
public struct UserInfo: Codable, Sendable, Hashable {
    public var id: Int64
    public var username: String
    public var role: Role
    public var disabled: Bool
    public var createdAt: Timestamp
    public init(id: Int64, username: String, role: Role, disabled: Bool, createdAt: Timestamp) {
        self.id = id
        self.username = username
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
    }
}

public struct LoginParams: Codable, Sendable, Hashable {
    public var username: String
    public var password: String
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

public struct SessionResult: Codable, Sendable, Hashable {
    /// The bearer token; shown once, stored hashed on the server.
    public var token: String
    public var expiresAt: Timestamp
    public var user: UserInfo
    public init(token: String, expiresAt: Timestamp, user: UserInfo) {
        self.token = token
        self.expiresAt = expiresAt
        self.user = user
    }
}

public struct RefreshResult: Codable, Sendable, Hashable {
    public var expiresAt: Timestamp
    public init(expiresAt: Timestamp) { self.expiresAt = expiresAt }
}

public struct UsersCreateParams: Codable, Sendable, Hashable {
    public var username: String
    public var password: String
    public var role: Role
    public init(username: String, password: String, role: Role) {
        self.username = username
        self.password = password
        self.role = role
    }
}

public struct UsersListResult: Codable, Sendable, Hashable {
    public var users: [UserInfo]
    public init(users: [UserInfo]) { self.users = users }
}

public struct UsersSetRoleParams: Codable, Sendable, Hashable {
    public var username: String
    public var role: Role
    public init(username: String, role: Role) {
        self.username = username
        self.role = role
    }
}

public struct UsersDisableParams: Codable, Sendable, Hashable {
    public var username: String
    /// false re-enables the user. Default true.
    public var disabled: Bool?
    public init(username: String, disabled: Bool? = true) {
        self.username = username
        self.disabled = disabled
    }
}

public struct UsersPasswdParams: Codable, Sendable, Hashable {
    /// Defaults to the caller. Changing someone else's password needs admin.
    public var username: String?
    /// Required when changing your own password.
    public var oldPassword: String?
    public var newPassword: String
    public init(username: String? = nil, oldPassword: String? = nil, newPassword: String) {
        self.username = username
        self.oldPassword = oldPassword
        self.newPassword = newPassword
    }
}

public struct TokensCreateParams: Codable, Sendable, Hashable {
    public var name: String
    /// At most the caller's role; defaults to it.
    public var role: Role?
    /// Lifetime in days; default 90, at most 365.
    public var ttlDays: Int?
    public init(name: String, role: Role? = nil, ttlDays: Int? = nil) {
        self.name = name
        self.role = role
        self.ttlDays = ttlDays
    }
}

public struct APITokenInfo: Codable, Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var username: String
    public var role: Role
    public var createdAt: Timestamp
    public var expiresAt: Timestamp
    public var revoked: Bool
    public init(id: Int64, name: String, username: String, role: Role, createdAt: Timestamp, expiresAt: Timestamp, revoked: Bool) {
        self.id = id
        self.name = name
        self.username = username
        self.role = role
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revoked = revoked
    }
}

public struct TokensCreateResult: Codable, Sendable, Hashable {
    /// The secret, shown once.
    public var token: String
    public var info: APITokenInfo
    public init(token: String, info: APITokenInfo) {
        self.token = token
        self.info = info
    }
}

public struct TokensListResult: Codable, Sendable, Hashable {
    public var tokens: [APITokenInfo]
    public init(tokens: [APITokenInfo]) { self.tokens = tokens }
}

public struct TokensRevokeParams: Codable, Sendable, Hashable {
    public var id: Int64
    public init(id: Int64) { self.id = id }
}
