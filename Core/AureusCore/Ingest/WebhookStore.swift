import AureusProtocol

/// A webhook source as stored: its kind and secrets. Secrets are stored as configured text
/// (`whsec_…` or the provider's raw secret); the previous one stays valid until
/// `previousExpiresAt` during a rotation.
public struct WebhookSourceRecord: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var kind: String
    public var currentSecret: String
    public var previousSecret: String?
    public var previousExpiresAt: Timestamp?
    public var disabled: Bool
    public var createdAt: Timestamp

    public init(
        id: Int64,
        name: String,
        kind: String,
        currentSecret: String,
        previousSecret: String?,
        previousExpiresAt: Timestamp?,
        disabled: Bool,
        createdAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.currentSecret = currentSecret
        self.previousSecret = previousSecret
        self.previousExpiresAt = previousExpiresAt
        self.disabled = disabled
        self.createdAt = createdAt
    }
}

public struct NewWebhookSource: Sendable, Hashable {
    public var name: String
    public var kind: String
    public var secret: String
    public var createdAt: Timestamp

    public init(name: String, kind: String, secret: String, createdAt: Timestamp) {
        self.name = name
        self.kind = kind
        self.secret = secret
        self.createdAt = createdAt
    }
}

/// One normalised biometric sample to store with its delivery.
public struct SampleRecord: Sendable, Hashable {
    public var user: String
    public var metric: String
    public var value: Double
    public var unit: String
    public var time: Timestamp

    public init(user: String, metric: String, value: Double, unit: String, time: Timestamp) {
        self.user = user
        self.metric = metric
        self.value = value
        self.unit = unit
        self.time = time
    }
}

/// A verified delivery ready to be committed: dedup id, the raw body (the store compresses
/// it), and what normalisation produced.
public struct NewDelivery: Sendable, Hashable {
    public var sourceID: Int64
    public var eventID: String
    public var receivedAt: Timestamp
    public var rawBody: [UInt8]
    public var samples: [SampleRecord]
    /// Notification event types (e.g. "sleep.updated"), possibly empty.
    public var notifications: [String]

    public init(sourceID: Int64, eventID: String, receivedAt: Timestamp, rawBody: [UInt8], samples: [SampleRecord], notifications: [String]) {
        self.sourceID = sourceID
        self.eventID = eventID
        self.receivedAt = receivedAt
        self.rawBody = rawBody
        self.samples = samples
        self.notifications = notifications
    }
}

public enum DeliveryOutcome: Sendable, Hashable {
    case stored(id: Int64)
    /// The (source, event id) pair was stored before; nothing was written.
    case duplicate
}

/// Webhook sources and deliveries.
public protocol WebhookStore: Sendable {
    /// - Throws: `StoreError(.conflict)` when the name exists.
    func createSource(_ source: NewWebhookSource) async throws -> WebhookSourceRecord
    func source(named name: String) async throws -> WebhookSourceRecord?
    func listSources() async throws -> [WebhookSourceRecord]
    func rotateSourceSecret(id: Int64, newSecret: String, previousExpiresAt: Timestamp) async throws
    func setSourceDisabled(id: Int64, disabled: Bool) async throws
    /// Commits a batch in ONE transaction (group commit): one outcome per item, in order.
    /// Duplicates within the batch or against stored rows come back as `.duplicate`.
    func storeDeliveries(_ batch: [NewDelivery]) async throws -> [DeliveryOutcome]
    func deliveryCount(sourceID: Int64?) async throws -> Int64
    func hasDelivery(sourceID: Int64, eventID: String) async throws -> Bool
    /// The raw body as received (decompressed), for audit and replay.
    func rawDelivery(sourceID: Int64, eventID: String) async throws -> [UInt8]?
}
