import AureusCore
import AureusProtocol
import AureusRedis
import Logging

/// Logins, bearer-token checks, refresh and logout.
///
/// Sessions slide: a call within the second half of the TTL pushes the expiry forward, so
/// an active operator never gets logged out while an abandoned token dies within the TTL.
/// The store is re-read on every check, so disabling a user or logging out elsewhere takes
/// effect on the very next call.
final class AuthService: Sendable {
    let store: any AureusStore
    let clock: any WallClock
    let hasher: PasswordHasher
    let limiter: any LoginRateLimiting
    let sessionTTL: Int64
    let metrics: ServerMetrics
    let logger: Logger

    init(
        store: any AureusStore,
        clock: any WallClock,
        hasher: PasswordHasher,
        limiter: any LoginRateLimiting,
        sessionTTL: Int64,
        metrics: ServerMetrics,
        logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.limiter = limiter
        self.sessionTTL = sessionTTL
        self.metrics = metrics
        self.logger = logger
    }

    /// Checks the credentials and opens a session. Throttled per username and per address.
    func login(username: String, password: String, clientAddress: String) async throws -> (SessionResult, AuthenticatedSession) {
        let now = clock.now()
        let userKey = "user:" + username.lowercased()
        let addressKey = "addr:" + clientAddress
        for key in [userKey, addressKey] {
            if case .limited(let retry) = await limiter.check(key, now: now) {
                metrics.loginFailure(reason: "throttled")
                throw AuthError(code: .throttled(retryAfterMilliseconds: retry))
            }
        }
        let user = try await store.user(named: username)
        let matches = try await hasher.verify(password, hash: user?.passwordHash)
        guard let user, matches, !user.disabled else {
            await limiter.recordFailure(userKey, now: now)
            await limiter.recordFailure(addressKey, now: now)
            metrics.loginFailure(reason: user?.disabled == true && matches ? "disabled" : "credentials")
            throw AuthError(code: user?.disabled == true && matches ? .disabled : .badCredentials)
        }
        await limiter.recordSuccess(userKey)
        let token = TokenFormat.newSessionToken()
        let tokenHash = TokenFormat.hash(token)
        let expiresAt = now.adding(milliseconds: sessionTTL)
        try await store.createSession(SessionRecord(tokenHash: tokenHash, userID: user.id, createdAt: now, expiresAt: expiresAt))
        let session = AuthenticatedSession(
            userID: user.id,
            username: user.username,
            role: user.role,
            credential: .session(tokenHash: tokenHash),
            expiresAt: expiresAt,
            user: user.info
        )
        return (SessionResult(token: token, expiresAt: expiresAt, user: user.info), session)
    }

    /// Resolves a bearer token (session or API token). nil when unknown, expired, revoked or the user is disabled.
    func authenticate(token: String) async throws -> AuthenticatedSession? {
        let tokenHash = TokenFormat.hash(token)
        let now = clock.now()
        if token.hasPrefix(TokenFormat.apiTokenPrefix) {
            guard let record = try await store.apiToken(tokenHash: tokenHash), !record.revoked, record.expiresAt > now,
                let user = try await store.user(id: record.userID), !user.disabled
            else { return nil }
            return AuthenticatedSession(
                userID: user.id,
                username: user.username,
                role: min(user.role, record.role),
                credential: .apiToken(id: record.id),
                expiresAt: record.expiresAt,
                user: user.info
            )
        }
        guard token.hasPrefix(TokenFormat.sessionPrefix) else { return nil }
        return try await resolveSession(tokenHash: tokenHash, now: now)
    }

    /// Re-reads a session before a call; slides its expiry when past half-life.
    func revalidate(_ session: AuthenticatedSession) async throws -> AuthenticatedSession? {
        let now = clock.now()
        switch session.credential {
        case .session(let tokenHash):
            return try await resolveSession(tokenHash: tokenHash, now: now)
        case .apiToken(let id):
            guard let record = try await store.apiToken(id: id), !record.revoked, record.expiresAt > now,
                let user = try await store.user(id: record.userID), !user.disabled
            else { return nil }
            var updated = session
            updated.role = min(user.role, record.role)
            updated.user = user.info
            return updated
        }
    }

    private func resolveSession(tokenHash: String, now: Timestamp) async throws -> AuthenticatedSession? {
        guard var record = try await store.session(tokenHash: tokenHash) else { return nil }
        guard record.expiresAt > now else {
            try await store.deleteSession(tokenHash: tokenHash)
            return nil
        }
        guard let user = try await store.user(id: record.userID), !user.disabled else { return nil }
        if record.expiresAt.milliseconds - now.milliseconds < sessionTTL / 2 {
            record.expiresAt = now.adding(milliseconds: sessionTTL)
            try await store.extendSession(tokenHash: tokenHash, expiresAt: record.expiresAt)
        }
        return AuthenticatedSession(
            userID: user.id,
            username: user.username,
            role: user.role,
            credential: .session(tokenHash: tokenHash),
            expiresAt: record.expiresAt,
            user: user.info
        )
    }

    /// Extends an interactive session to a full TTL from now.
    func refresh(_ session: AuthenticatedSession) async throws -> Timestamp {
        guard case .session(let tokenHash) = session.credential else { return session.expiresAt }
        let expiresAt = clock.now().adding(milliseconds: sessionTTL)
        try await store.extendSession(tokenHash: tokenHash, expiresAt: expiresAt)
        return expiresAt
    }

    func logout(_ session: AuthenticatedSession) async throws {
        if case .session(let tokenHash) = session.credential {
            try await store.deleteSession(tokenHash: tokenHash)
        }
    }
}
