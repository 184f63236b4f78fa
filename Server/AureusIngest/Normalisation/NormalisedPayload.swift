/// What one verified delivery turned into.
public struct NormalisedPayload: Sendable, Hashable {
    public var samples: [BiometricSample]
    public var notifications: [WebhookNotification]
    /// Items that were well formed JSON but not usable (unknown sample type, missing or
    /// implausible value); counted so the rejection metric sees them, without failing the
    /// whole delivery (a provider would only retry the same bytes).
    public var skippedCount: Int

    public init(samples: [BiometricSample] = [], notifications: [WebhookNotification] = [], skippedCount: Int = 0) {
        self.samples = samples
        self.notifications = notifications
        self.skippedCount = skippedCount
    }
}
