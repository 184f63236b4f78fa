import AureusProtocol

/// A provider saying "something changed" without carrying the data (WHOOP `sleep.updated`,
/// Oura `sleep` `update`, Terra `auth`): the ingest worker may refetch `objectID` later.
public struct WebhookNotification: Sendable, Hashable {
    public let provider: WebhookKind
    /// Provider event name in `resource.action` form where the provider has one, e.g.
    /// `sleep.updated` (WHOOP), `daily_sleep.update` (Oura `data_type.event_type`), `auth` (Terra).
    public let eventType: String
    public let user: UserPseudonym?
    public let objectID: String?
    /// The provider's event time when it sends one, else the signed delivery time.
    public let time: Timestamp

    public init(provider: WebhookKind, eventType: String, user: UserPseudonym?, objectID: String?, time: Timestamp) {
        self.provider = provider
        self.eventType = eventType
        self.user = user
        self.objectID = objectID
        self.time = time
    }
}
