internal import AureusIngest
internal import AureusProtocol

/// The fixed world the webhook harnesses run in: one receive time, one secret pair per kind
/// and a keyed pseudonymizer, so each input is reproducible from its bytes alone.
enum WebhookFixtures {
    /// 2023-11-14T22:13:20Z, the server clock for every delivery.
    static let receivedAt = Timestamp(milliseconds: 1_700_000_000_000)

    static let pseudonymizer = UserPseudonymizer.keyedHash(key: Array("fuzz-pseudonym-key".utf8))

    /// Current and previous secrets (the previous one live for another minute), as an admin
    /// would have configured them after one rotation.
    /// - Returns: nil only if a fixed secret string stopped being valid (then nothing is fuzzed).
    static func secrets(for kind: WebhookKind, withPrevious: Bool) -> SourceSecrets? {
        guard let current = secret(for: kind, standard: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", other: "fuzz-current-secret") else { return nil }
        guard withPrevious else { return SourceSecrets(current: current) }
        guard let previous = secret(for: kind, standard: "whsec_cHJldmlvdXMtZnV6ei1zZWNyZXQ=", other: "fuzz-previous-secret") else { return nil }
        return SourceSecrets(current: current, previous: previous, previousExpiresAt: Timestamp(milliseconds: receivedAt.milliseconds + 60_000))
    }

    /// The kind a selector byte names (any byte names one).
    static func kind(_ selector: UInt8) -> WebhookKind {
        WebhookKind.allCases[Int(selector) % WebhookKind.allCases.count]
    }

    private static func secret(for kind: WebhookKind, standard: String, other: String) -> WebhookSecret? {
        try? WebhookSecret(configured: kind.usesStandardSecretEncoding ? standard : other, kind: kind)
    }
}
