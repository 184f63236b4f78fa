import AureusProtocol

/// Which of a source's secrets verified a delivery; stored with the event so operators can see
/// when senders have stopped using the previous secret and the grace period can end early.
public enum SecretSlot: String, Sendable, Hashable, Codable {
    case current
    case previous
}

/// The live secrets of one webhook source: the current one plus, during a rotation, the previous
/// one until its expiry.
///
/// Rotation is a value transformation (`rotated(to:at:gracePeriodMilliseconds:)`) so the admin
/// handler stores the result and the verifier never needs a clock of its own.
/// - Important: The previous secret is accepted while `receivedAt < previousExpiresAt`
///   (server time), and rejected from the expiry instant on.
public struct SourceSecrets: Sendable, Equatable {
    public var current: WebhookSecret
    public var previous: WebhookSecret?
    public var previousExpiresAt: Timestamp?

    public init(current: WebhookSecret, previous: WebhookSecret? = nil, previousExpiresAt: Timestamp? = nil) {
        self.current = current
        self.previous = previous
        self.previousExpiresAt = previous == nil ? nil : previousExpiresAt
    }

    /// Makes `newSecret` current and keeps today's current secret valid for the grace period.
    public func rotated(to newSecret: WebhookSecret, at now: Timestamp, gracePeriodMilliseconds: Int64) -> SourceSecrets {
        let (expiry, overflow) = now.milliseconds.addingReportingOverflow(max(0, gracePeriodMilliseconds))
        return SourceSecrets(
            current: newSecret,
            previous: current,
            previousExpiresAt: Timestamp(milliseconds: overflow ? Int64.max : expiry)
        )
    }

    /// The secrets a delivery received at `now` may be signed with, current first.
    public func candidates(at now: Timestamp) -> [(slot: SecretSlot, secret: WebhookSecret)] {
        var result: [(slot: SecretSlot, secret: WebhookSecret)] = [(.current, current)]
        if let previous, let expiry = previousExpiresAt, now < expiry {
            result.append((.previous, previous))
        }
        return result
    }
}
