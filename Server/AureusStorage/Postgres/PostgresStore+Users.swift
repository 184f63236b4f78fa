import AureusCore
import AureusProtocol
import PostgresNIO

extension PostgresStore: UserStore {
    private static let userSelect = "SELECT id, username, role, password_hash, disabled, created_at FROM users"

    public func createUser(_ user: NewUser) async throws -> UserRecord {
        let id = try await perform(conflict: "username '\(user.username)' already exists") {
            try await insertReturningID(
                """
                INSERT INTO users (username, role, password_hash, disabled, created_at)
                VALUES (\(user.username), \(user.role.rawValue), \(user.passwordHash), FALSE, \(user.createdAt.milliseconds))
                RETURNING id
                """
            )
        }
        return UserRecord(
            id: id,
            username: user.username,
            role: user.role,
            passwordHash: user.passwordHash,
            disabled: false,
            createdAt: user.createdAt
        )
    }

    public func user(named username: String) async throws -> UserRecord? {
        try await users("\(unescaped: Self.userSelect) WHERE username = \(username)").first
    }

    public func user(id: Int64) async throws -> UserRecord? {
        try await users("\(unescaped: Self.userSelect) WHERE id = \(id)").first
    }

    public func listUsers() async throws -> [UserRecord] {
        try await users("\(unescaped: Self.userSelect) ORDER BY username")
    }

    public func userCount() async throws -> Int {
        try await perform {
            var count: Int64 = 0
            for try await value in try await client.query("SELECT COUNT(*) FROM users", logger: logger).decode(Int64.self) { count = value }
            return Int(count)
        }
    }

    public func setRole(userID: Int64, role: Role) async throws {
        try await updated(userID, "UPDATE users SET role = \(role.rawValue) WHERE id = \(userID) RETURNING id")
    }

    public func setDisabled(userID: Int64, disabled: Bool) async throws {
        try await updated(userID, "UPDATE users SET disabled = \(disabled) WHERE id = \(userID) RETURNING id")
    }

    public func setPasswordHash(userID: Int64, passwordHash: String) async throws {
        try await updated(userID, "UPDATE users SET password_hash = \(passwordHash) WHERE id = \(userID) RETURNING id")
    }

    private func updated(_ userID: Int64, _ query: PostgresQuery) async throws {
        guard try await execute(query) > 0 else { throw StoreError(.notFound, "no user with id \(userID)") }
    }

    private func users(_ query: PostgresQuery) async throws -> [UserRecord] {
        try await perform {
            var users: [UserRecord] = []
            let rows = try await client.query(query, logger: logger)
            for try await (id, username, roleText, passwordHash, disabled, createdAt) in rows.decode(
                (Int64, String, String, String, Bool, Int64).self
            ) {
                guard let role = Role(rawValue: roleText) else { throw StoreError(.engine, "user has an unknown role '\(roleText)'") }
                users.append(
                    UserRecord(
                        id: id,
                        username: username,
                        role: role,
                        passwordHash: passwordHash,
                        disabled: disabled,
                        createdAt: Timestamp(milliseconds: createdAt)
                    )
                )
            }
            return users
        }
    }
}
