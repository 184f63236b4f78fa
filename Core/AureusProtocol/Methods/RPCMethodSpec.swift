/// What the server needs to know about a method before running it: who may call it and
/// whether it changes state (and so must be audited).
///
/// The table of these (`RPCMethods.all`) is the single source of truth for RBAC, for the
/// audit rule and for the protocol documentation test.
public struct RPCMethodSpec: Sendable, Hashable {
    public enum Access: Sendable, Hashable {
        /// Callable before authentication (hello, ping, login).
        case anyone
        /// Requires an authenticated session with at least this role.
        case role(Role)
    }

    public let name: String
    public let access: Access
    /// State-changing: every call appends an audit event, success or failure.
    public let audited: Bool
    public let summary: String

    public init(_ name: String, access: Access, audited: Bool = false, summary: String) {
        self.name = name
        self.access = access
        self.audited = audited
        self.summary = summary
    }

    /// The minimum role, or nil when the method is public.
    public var minimumRole: Role? {
        if case .role(let role) = access { return role }
        return nil
    }

    /// Whether a caller with `role` (nil: not authenticated) may call this method.
    public func allows(_ role: Role?) -> Bool {
        switch access {
        case .anyone: true
        case .role(let required): role.map { $0.includes(required) } ?? false
        }
    }
}
