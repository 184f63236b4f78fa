import AureusProtocol
import Logging

/// What a handler knows about the call it serves.
struct RPCCallContext: Sendable {
    let requestID: String
    let clientAddress: String
    /// nil for public methods called before login.
    let session: AuthenticatedSession?
    let connectionID: UInt64
    let logger: Logger

    /// The session, for methods the table marks as requiring a role (the dispatcher has
    /// already checked it is present).
    var caller: AuthenticatedSession {
        get throws {
            guard let session else { throw RPCError(.unauthenticated, reason: "log in first") }
            return session
        }
    }
}

/// What a handler returns: the encoded result, and how the connection's session changes.
struct RPCHandlerOutput: Sendable {
    enum SessionChange: Sendable {
        case keep
        case set(AuthenticatedSession)
        case clear
    }

    var resultJSON: [UInt8]
    var sessionChange: SessionChange = .keep
    /// Overrides the audit actor when the call itself established who is acting (login).
    var auditActor: (String, Role)?
    /// What the call did, added to its audit event as `summary.result` (e.g. the approval it
    /// created and the token it issued), so one event, written once, tells the whole story.
    var auditResult: JSONValue?
    /// The audit target when the params do not name it (an id the call itself created).
    var auditTarget: String?
}

typealias RPCHandler = @Sendable (RPCCallContext, JSONValue) async throws -> RPCHandlerOutput
