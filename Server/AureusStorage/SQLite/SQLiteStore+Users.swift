import AureusCore
import AureusProtocol

extension SQLiteStore: UserStore {
    private static let userColumns = "id, username, role, password_hash, disabled, created_at"

    public func createUser(_ user: NewUser) async throws -> UserRecord {
        let id = try await pool.write(conflict: "username '\(user.username)' already exists") { db in
            try db.run(
                "INSERT INTO users (username, role, password_hash, disabled, created_at) VALUES (?, ?, ?, 0, ?)",
                [.text(user.username), .text(user.role.rawValue), .text(user.passwordHash), .integer(user.createdAt.milliseconds)]
            )
            return db.lastInsertRowID
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
        try await users(where: "username = ?", [.text(username)]).first
    }

    public func user(id: Int64) async throws -> UserRecord? {
        try await users(where: "id = ?", [.integer(id)]).first
    }

    public func listUsers() async throws -> [UserRecord] {
        try await users(where: nil, [])
    }

    public func userCount() async throws -> Int {
        try await pool.read { db in Int(try db.query("SELECT COUNT(*) FROM users").first?.int64(0) ?? 0) }
    }

    public func setRole(userID: Int64, role: Role) async throws {
        try await updateUser(userID, set: "role = ?", .text(role.rawValue))
    }

    public func setDisabled(userID: Int64, disabled: Bool) async throws {
        try await updateUser(userID, set: "disabled = ?", .bool(disabled))
    }

    public func setPasswordHash(userID: Int64, passwordHash: String) async throws {
        try await updateUser(userID, set: "password_hash = ?", .text(passwordHash))
    }

    private func updateUser(_ userID: Int64, set assignment: String, _ value: SQLiteValue) async throws {
        let changed = try await pool.write { db in
            try db.run("UPDATE users SET \(assignment) WHERE id = ?", [value, .integer(userID)])
        }
        guard changed > 0 else { throw StoreError(.notFound, "no user with id \(userID)") }
    }

    private func users(where condition: String?, _ binds: [SQLiteValue]) async throws -> [UserRecord] {
        let sql = "SELECT \(Self.userColumns) FROM users" + (condition.map { " WHERE \($0)" } ?? "") + " ORDER BY username"
        return try await pool.read { db in
            try db.query(sql, binds).map { row in
                let roleText = try row.text(2)
                guard let role = Role(rawValue: roleText) else { throw StoreError(.engine, "user has an unknown role '\(roleText)'") }
                return UserRecord(
                    id: try row.int64(0),
                    username: try row.text(1),
                    role: role,
                    passwordHash: try row.text(3),
                    disabled: try row.bool(4),
                    createdAt: Timestamp(milliseconds: try row.int64(5))
                )
            }
        }
    }
}
