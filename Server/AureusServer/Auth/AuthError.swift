import AureusProtocol

/// Authentication failures. The messages say what to do, never which part of a credential
/// was wrong (no username oracle).
struct AuthError: Error, RPCErrorConvertible, CustomStringConvertible {
    enum Code {
        case badCredentials
        case disabled
        case throttled(retryAfterMilliseconds: Int64)
        case sessionExpired
        case invalidToken
        case weakPassword(String)
    }

    let code: Code

    var description: String { rpcError.reason }

    var rpcError: RPCError {
        switch code {
        case .badCredentials:
            return RPCError(.unauthenticated, reason: "wrong username or password")
        case .disabled:
            return RPCError(.unauthenticated, reason: "wrong username or password, or the account is disabled")
        case .throttled(let retry):
            let seconds = max(1, (retry + 999) / 1000)
            return RPCError(.rateLimited, reason: "too many failed logins; try again in \(seconds) s", extra: ["retryAfterSeconds": .int(seconds)])
        case .sessionExpired:
            return RPCError(.unauthenticated, reason: "the session has expired or was ended; log in again")
        case .invalidToken:
            return RPCError(.unauthenticated, reason: "the token is not valid")
        case .weakPassword(let why):
            return RPCError(.invalidParams, reason: why)
        }
    }
}
