/// Params and results of the `server.*` methods.
public struct HelloParams: Codable, Sendable, Hashable {
    public var client: String?
    public var protocolVersion: String?
    public init(client: String? = nil, protocolVersion: String? = ProtocolVersion.string) {
        self.client = client
        self.protocolVersion = protocolVersion
    }
}

public struct HelloResult: Codable, Sendable, Hashable {
    public var protocolVersion: String
    public var serverVersion: String
    public var capabilities: [String]
    public var topics: [String]
    /// The session's user when the connection is already authenticated (Bearer at upgrade).
    public var user: UserInfo?
    public init(protocolVersion: String, serverVersion: String, capabilities: [String], topics: [String], user: UserInfo?) {
        self.protocolVersion = protocolVersion
        self.serverVersion = serverVersion
        self.capabilities = capabilities
        self.topics = topics
        self.user = user
    }
}

public struct PingResult: Codable, Sendable, Hashable {
    public var time: Timestamp
    public init(time: Timestamp) { self.time = time }
}

public struct SubscribeParams: Codable, Sendable, Hashable {
    public var topics: [String]
    public init(topics: [String]) { self.topics = topics }
}

public struct SubscribeResult: Codable, Sendable, Hashable {
    /// The topics this connection is subscribed to after the call.
    public var topics: [String]
    public init(topics: [String]) { self.topics = topics }
}

/// Results of methods that only acknowledge.
public struct OKResult: Codable, Sendable, Hashable {
    public var ok: Bool
    public init(ok: Bool = true) { self.ok = ok }
}
