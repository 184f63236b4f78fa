/// Params and results of `sources.*` (webhook sources; admin only).
public struct SourceInfo: Codable, Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var kind: String
    public var disabled: Bool
    public var createdAt: Timestamp
    /// When the previous secret stops being accepted, during a rotation.
    public var previousSecretExpiresAt: Timestamp?
    /// The webhook URL path to give the provider.
    public var path: String

    public init(id: Int64, name: String, kind: String, disabled: Bool, createdAt: Timestamp, previousSecretExpiresAt: Timestamp?, path: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.disabled = disabled
        self.createdAt = createdAt
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.path = path
    }
}

public struct SourcesCreateParams: Codable, Sendable, Hashable {
    /// URL-safe name: 1–64 of a-z, 0-9, '-', '_'.
    public var name: String
    /// standard, oura, whoop, terra or healthkit.
    public var kind: String
    /// The provider's signing secret; omitted: the server generates one (`whsec_…` for standard
    /// and healthkit) and returns it once.
    public var secret: String?

    public init(name: String, kind: String, secret: String? = nil) {
        self.name = name
        self.kind = kind
        self.secret = secret
    }
}

public struct SourceSecretResult: Codable, Sendable, Hashable {
    public var source: SourceInfo
    /// The secret in force now; shown once.
    public var secret: String
    /// For oura sources: the verification token to register with Oura.
    public var verificationToken: String?

    public init(source: SourceInfo, secret: String, verificationToken: String?) {
        self.source = source
        self.secret = secret
        self.verificationToken = verificationToken
    }
}

public struct SourcesListResult: Codable, Sendable, Hashable {
    public var sources: [SourceInfo]
    public init(sources: [SourceInfo]) { self.sources = sources }
}

public struct SourcesRotateParams: Codable, Sendable, Hashable {
    public var name: String
    /// The new secret; omitted: generated.
    public var secret: String?
    /// How long the old secret stays valid; default 86,400 (one day), at most 30 days.
    public var graceSeconds: Int64?

    public init(name: String, secret: String? = nil, graceSeconds: Int64? = nil) {
        self.name = name
        self.secret = secret
        self.graceSeconds = graceSeconds
    }
}

public struct SourcesDisableParams: Codable, Sendable, Hashable {
    public var name: String
    /// false re-enables. Default true.
    public var disabled: Bool?

    public init(name: String, disabled: Bool? = true) {
        self.name = name
        self.disabled = disabled
    }
}
