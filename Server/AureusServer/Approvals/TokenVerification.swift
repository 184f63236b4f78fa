import AureusCore
import AureusCrypto
import AureusProtocol
import Synchronization

/// Verifies approval tokens for `POST /v1/approvals/verify`: every server key any instance has
/// published (read from the store, cached, re-read when a token names an unknown key) and the
/// request's revocation state from the store.
final class TokenVerification: Sendable {
    private let store: any AureusStore
    private let clock: any WallClock
    private let cache = Mutex<(keys: [String: TokenVerificationKey], loadedAt: ContinuousClock.Instant?)>(([:], nil))
    /// How often an unknown key id may trigger a re-read (keeps garbage tokens from hammering the store).
    private let refreshInterval: Duration = .seconds(1)

    init(store: any AureusStore, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// The verdict on `text`, given the payload hash the caller expects (if any).
    ///
    /// The store is read for revocation only once the token has proved authentic (signature,
    /// key and payload hold and only the expiry may be left), so forged tokens cost no query.
    func verify(_ text: String, expectedPayloadSHA256: String?) async throws -> Result<ApprovalToken, TokenVerificationFailure> {
        if let envelope = TokenEnvelope(text: text), key(envelope.keyID) == nil { try await refresh(force: false) }
        let verifier = TokenVerifier(keys: { [self] in key($0) })
        let now = clock.now()
        let verdict = verifier.verify(text, now: now, expectedPayloadSHA256: expectedPayloadSHA256)
        let authentic: Bool
        switch verdict {
        case .success: authentic = true
        case .failure(let failure): authentic = failure.reason == .expired
        }
        guard authentic, let envelope = TokenEnvelope(text: text), let token = ApprovalToken(canonicalBytes: envelope.payload),
            try await store.approval(id: token.requestID)?.status == .revoked
        else { return verdict }
        // Revocation outranks expiry, as in `TokenVerifier`'s fixed order.
        return TokenVerifier(keys: { [self] in key($0) }, isRevoked: { _ in true })
            .verify(text, now: now, expectedPayloadSHA256: expectedPayloadSHA256)
    }

    /// Re-reads the published keys (after a rotation, or at most once a second on an unknown key).
    func refresh(force: Bool) async throws {
        let due = cache.withLock { state in
            force || state.loadedAt.map { ContinuousClock.now - $0 >= refreshInterval } ?? true
        }
        guard due else { return }
        let records = try await store.serverKeys()
        var keys: [String: TokenVerificationKey] = [:]
        for record in records {
            guard let raw = Base64.decode(record.publicKey), let publicKey = try? Ed25519.PublicKey(bytes: raw) else { continue }
            keys[record.keyID] = TokenVerificationKey(
                keyID: record.keyID,
                validFrom: record.validFrom,
                retiredAt: record.retiredAt,
                verify: { message, signature in publicKey.verify(signature: signature, message: message) }
            )
        }
        cache.withLock { $0 = (keys, ContinuousClock.now) }
    }

    private func key(_ id: String) -> TokenVerificationKey? { cache.withLock { $0.keys[id] } }
}
