/// One row of the hash-chained audit trail, as stored and as sent.
public struct AuditEvent: Codable, Sendable, Hashable {
    /// 1, 2, 3, … without gaps; a gap is a deleted row.
    public var seq: Int64
    public var time: Timestamp
    /// Username, or "-" for unauthenticated callers.
    public var actor: String
    public var role: Role?
    /// The method or event name, e.g. "auth.login", "users.create".
    public var action: String
    public var target: String?
    /// The request's params with secrets removed.
    public var summary: JSONValue
    /// "ok", "denied" or "error:<kind>".
    public var outcome: String
    public var requestID: String?
    public var clientAddress: String?
    /// Hex SHA-256 of the previous row (64 zeros for the first row).
    public var prevHash: String
    /// Hex SHA-256 over prevHash and this row's canonical encoding.
    public var hash: String

    public init(
        seq: Int64,
        time: Timestamp,
        actor: String,
        role: Role?,
        action: String,
        target: String?,
        summary: JSONValue,
        outcome: String,
        requestID: String?,
        clientAddress: String?,
        prevHash: String,
        hash: String
    ) {
        self.seq = seq
        self.time = time
        self.actor = actor
        self.role = role
        self.action = action
        self.target = target
        self.summary = summary
        self.outcome = outcome
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.prevHash = prevHash
        self.hash = hash
    }
}

public struct AuditTailParams: Codable, Sendable, Hashable {
    public var actor: String?
    public var action: String?
    public var since: Timestamp?
    public var until: Timestamp?
    /// Return events with seq below this (the previous page's `nextCursor`).
    public var cursor: Int64?
    /// 1...1000, default 100.
    public var limit: Int?
    public init(
        actor: String? = nil,
        action: String? = nil,
        since: Timestamp? = nil,
        until: Timestamp? = nil,
        cursor: Int64? = nil,
        limit: Int? = nil
    ) {
        self.actor = actor
        self.action = action
        self.since = since
        self.until = until
        self.cursor = cursor
        self.limit = limit
    }
}

public struct AuditTailResult: Codable, Sendable, Hashable {
    /// Newest first.
    public var events: [AuditEvent]
    /// Pass as `cursor` for the next (older) page; nil at the start of the log.
    public var nextCursor: Int64?
    public init(events: [AuditEvent], nextCursor: Int64?) {
        self.events = events
        self.nextCursor = nextCursor
    }
}

public struct AuditVerifyResult: Codable, Sendable, Hashable {
    public var ok: Bool
    /// Rows checked.
    public var checked: Int64
    /// The first broken link when `ok` is false.
    public var brokenAt: Int64?
    public var reason: String?
    public init(ok: Bool, checked: Int64, brokenAt: Int64? = nil, reason: String? = nil) {
        self.ok = ok
        self.checked = checked
        self.brokenAt = brokenAt
        self.reason = reason
    }
}
