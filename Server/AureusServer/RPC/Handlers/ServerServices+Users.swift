import AureusCore
import AureusProtocol

extension ServerServices {
    func registerUserMethods(into table: inout RPCMethodTable) {
        table.register(RPCMethods.usersCreate, UsersCreateParams.self) { _, params in
            try Self.checkUsername(params.username)
            try PasswordHasher.check(newPassword: params.password)
            let hash = try await hasher.hash(params.password)
            let user = try await store.createUser(NewUser(username: params.username, role: params.role, passwordHash: hash, createdAt: clock.now()))
            return user.info
        }
        table.register(RPCMethods.usersList, NoParams.self) { _, _ in
            UsersListResult(users: try await store.listUsers().map(\.info))
        }
        table.register(RPCMethods.usersSetRole, UsersSetRoleParams.self) { context, params in
            let user = try await existingUser(params.username)
            if user.id == (try context.caller.userID), params.role != .admin {
                throw RPCError(.conflict, reason: "you cannot remove your own admin role; ask another admin")
            }
            try await store.setRole(userID: user.id, role: params.role)
            return try await existingUser(params.username).info
        }
        table.register(RPCMethods.usersDisable, UsersDisableParams.self) { context, params in
            let user = try await existingUser(params.username)
            let disabled = params.disabled ?? true
            if user.id == (try context.caller.userID), disabled {
                throw RPCError(.conflict, reason: "you cannot disable your own account")
            }
            try await store.setDisabled(userID: user.id, disabled: disabled)
            if disabled { try await store.deleteSessions(userID: user.id) }
            return try await existingUser(params.username).info
        }
        table.register(RPCMethods.usersPasswd, UsersPasswdParams.self) { context, params in
            let caller = try context.caller
            if let name = params.username, name != caller.username, caller.role != .admin {
                // Refuse before the lookup, so non-admins cannot probe which usernames exist.
                throw RPCError(.forbidden, reason: "changing another user's password requires role admin")
            }
            let target = try await existingUser(params.username ?? caller.username)
            if target.id == caller.userID {
                guard let old = params.oldPassword, try await hasher.verify(old, hash: target.passwordHash) else {
                    throw RPCError(.forbidden, reason: "oldPassword is missing or wrong")
                }
            }
            try PasswordHasher.check(newPassword: params.newPassword)
            try await store.setPasswordHash(userID: target.id, passwordHash: try await hasher.hash(params.newPassword))
            try await store.deleteSessions(userID: target.id)
            return OKResult()
        }
    }

    func existingUser(_ username: String) async throws -> UserRecord {
        guard let user = try await store.user(named: username) else {
            throw RPCError(.notFound, reason: "no user named '\(Sanitize.short(username))'")
        }
        return user
    }

    /// 1–64 characters of letters, digits, '.', '_' or '-': safe in logs, file names and prompts.
    static func checkUsername(_ name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar)
        }
        guard (1...64).contains(name.count), allowed else {
            throw RPCError(.invalidParams, reason: "a username has 1–64 characters: ASCII letters, digits, '.', '_' or '-'")
        }
    }
}
