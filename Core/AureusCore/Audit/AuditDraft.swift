import AureusProtocol

/// An audit event before the store gives it a sequence number and seals it into the chain.
public struct AuditDraft: Sendable, Hashable {
    public var time: Timestamp
    public var actor: String
    public var role: Role?
    public var action: String
    public var target: String?
    public var summary: JSONValue
    public var outcome: String
    public var requestID: String?
    public var clientAddress: String?

    public init(
        time: Timestamp,
        actor: String,
        role: Role?,
        action: String,
        target: String? = nil,
        summary: JSONValue = .object([:]),
        outcome: String,
        requestID: String? = nil,
        clientAddress: String? = nil
    ) {
        self.time = time
        self.actor = actor
        self.role = role
        self.action = action
        self.target = target
        self.summary = summary
        self.outcome = outcome
        self.requestID = requestID
        self.clientAddress = clientAddress
    }
}

/// Query for `audit.tail`. `beforeSeq` is the cursor; results are newest first.
public struct AuditQuery: Sendable, Hashable {
    public var actor: String?
    public var action: String?
    public var since: Timestamp?
    public var until: Timestamp?
    public var beforeSeq: Int64?
    public var limit: Int

    public init(
        actor: String? = nil,
        action: String? = nil,
        since: Timestamp? = nil,
        until: Timestamp? = nil,
        beforeSeq: Int64? = nil,
        limit: Int = 100
    ) {
        self.actor = actor
        self.action = action
        self.since = since
        self.until = until
        self.beforeSeq = beforeSeq
        self.limit = limit
    }
}
