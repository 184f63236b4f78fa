import AureusProtocol

/// One normalised measurement: who (pseudonymous), what, how much, when.
///
/// - Important: `user` is always a pseudonym from `UserPseudonymizer`; raw provider user ids
///   never leave the ingest layer.
public struct BiometricSample: Sendable, Hashable {
    public let source: WebhookKind
    public let user: UserPseudonym
    public let metric: BiometricMetric
    /// In `metric.unit`.
    public let value: Double
    public let time: Timestamp
    /// End of the measured interval for aggregates (daily steps, sleep score); nil for instants.
    public let endTime: Timestamp?

    public init(source: WebhookKind, user: UserPseudonym, metric: BiometricMetric, value: Double, time: Timestamp, endTime: Timestamp? = nil) {
        self.source = source
        self.user = user
        self.metric = metric
        self.value = value
        self.time = time
        self.endTime = endTime
    }

    /// The canonical unit of `metric`.
    public var unit: String { metric.unit }
}
