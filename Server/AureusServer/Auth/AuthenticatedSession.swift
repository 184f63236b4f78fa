import AureusCore
import AureusProtocol

/// Who is calling: the user behind a session or API token, as of the last check.
public struct AuthenticatedSession: Sendable, Hashable {
    public enum Credential: Sendable, Hashable {
        /// An interactive session (sliding TTL); the value is the token's hash.
        case session(tokenHash: String)
        /// A long-lived API token; its role may be lower than the user's.
        case apiToken(id: Int64)
    }

    public var userID: Int64
    public var username: String
    /// The effective role: the user's, or the API token's if lower.
    public var role: Role
    public var credential: Credential
    public var expiresAt: Timestamp
    public var user: UserInfo
}
