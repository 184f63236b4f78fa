import AureusCore
import AureusProtocol
import AureusStorage
import Logging
import NIOPosix
import ServiceLifecycle

/// User administration straight on the store, for `aureusd users …` on the server host
/// (recovering a lost admin password, scripting the first users). Audited as actor "local-cli".
public struct LocalAdmin: Sendable {
    let store: any AureusStore
    let hasher: PasswordHasher
    let clock: any WallClock
    let audit: AuditRecorder

    /// Opens the configured store, migrates it, runs `body`, and closes the store.
    public static func with<T: Sendable>(
        configuration: ServerConfiguration,
        logger: Logger,
        _ body: @Sendable (LocalAdmin) async throws -> T
    ) async throws -> T {
        let store = try await StoreFactory.open(
            databaseURL: configuration.databaseURL,
            dataDirectory: configuration.dataDirectory,
            threadPool: NIOThreadPool.singleton,
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            try await store.migrate()
            let clock = SystemWallClock()
            let admin = LocalAdmin(
                store: store,
                hasher: try PasswordHasher(parameters: configuration.passwordHashing, threadPool: .singleton),
                clock: clock,
                audit: AuditRecorder(store: store, bus: EventBus(), clock: clock, metrics: ServerMetrics(), logger: logger)
            )
            return try await body(admin)
        }
    }

    public func addUser(username: String, role: Role, password: String) async throws -> UserInfo {
        try ServerServices.checkUsername(username)
        try PasswordHasher.check(newPassword: password)
        let user = try await store.createUser(
            NewUser(username: username, role: role, passwordHash: try await hasher.hash(password), createdAt: clock.now())
        )
        await audit.record(
            actor: "local-cli",
            role: .admin,
            action: "users.create",
            target: username,
            summary: ["username": .string(username), "role": .string(role.rawValue)],
            outcome: "ok",
            requestID: nil,
            clientAddress: "local"
        )
        return user.info
    }

    public func setPassword(username: String, password: String) async throws {
        guard let user = try await store.user(named: username) else { throw RPCError(.notFound, reason: "no user named '\(username)'") }
        try PasswordHasher.check(newPassword: password)
        try await store.setPasswordHash(userID: user.id, passwordHash: try await hasher.hash(password))
        try await store.deleteSessions(userID: user.id)
        await audit.record(
            actor: "local-cli",
            role: .admin,
            action: "users.passwd",
            target: username,
            summary: ["username": .string(username)],
            outcome: "ok",
            requestID: nil,
            clientAddress: "local"
        )
    }

    public func listUsers() async throws -> [UserInfo] { try await store.listUsers().map(\.info) }
}
