import AureusCore
import AureusIngest
import AureusProtocol
import Synchronization

/// Webhook sources by name, cached for the hot path: a request looks its source up in memory;
/// a miss or an entry older than `ttl` reads the store (so a source changed through another
/// instance takes effect within `ttl`). RPC changes on this instance invalidate at once.
final class SourceRegistry: Sendable {
    struct Entry: Sendable {
        let record: WebhookSourceRecord
        let kind: WebhookKind
        let secrets: SourceSecrets
        let verifier: any WebhookVerifier
        let normaliser: any WebhookNormaliser
        let loadedAt: Int64
    }

    let store: any WebhookStore
    let clock: any WallClock
    let toleranceSeconds: Int64
    let ttlMilliseconds: Int64
    /// Reads (or creates) the pseudonym key. Called on the first lookup rather than at startup
    /// because the PostgreSQL store answers only once the service group runs its client.
    private let loadPseudonymKey: @Sendable () async throws -> [UInt8]
    private let pseudonymizer = Mutex<UserPseudonymizer?>(nil)
    private let cache = Mutex<[String: Entry]>([:])

    init(
        store: any WebhookStore,
        clock: any WallClock,
        toleranceSeconds: Int64,
        ttlMilliseconds: Int64 = 5_000,
        pseudonymKey: @escaping @Sendable () async throws -> [UInt8]
    ) {
        self.store = store
        self.clock = clock
        self.toleranceSeconds = toleranceSeconds
        self.ttlMilliseconds = ttlMilliseconds
        self.loadPseudonymKey = pseudonymKey
    }

    /// The enabled source named `name`, or nil (unknown or disabled: both answer 404).
    func source(named name: String) async throws -> Entry? {
        let now = clock.now().milliseconds
        if let entry = cache.withLock({ $0[name] }), now - entry.loadedAt < ttlMilliseconds {
            return entry.record.disabled ? nil : entry
        }
        let pseudonymizer = try await currentPseudonymizer()
        guard let record = try await store.source(named: name), let entry = try? makeEntry(record, pseudonymizer: pseudonymizer, now: now) else {
            cache.withLock { $0[name] = nil }
            return nil
        }
        cache.withLock { $0[name] = entry }
        return record.disabled ? nil : entry
    }

    /// The answer `source(named:)` would give without waiting: `.some(entry or nil)` while a fresh
    /// cache entry holds it, nil when only the store can tell (not cached, or stale).
    func cachedSource(named name: String) -> Entry?? {
        let now = clock.now().milliseconds
        guard let entry = cache.withLock({ $0[name] }), now - entry.loadedAt < ttlMilliseconds else { return nil }
        return .some(entry.record.disabled ? nil : entry)
    }

    func invalidate(_ name: String) { cache.withLock { $0[name] = nil } }

    /// Loaded once; two first lookups racing both read the store and get the same key.
    private func currentPseudonymizer() async throws -> UserPseudonymizer {
        if let loaded = pseudonymizer.withLock({ $0 }) { return loaded }
        let loaded = UserPseudonymizer.keyedHash(key: try await loadPseudonymKey())
        pseudonymizer.withLock { $0 = loaded }
        return loaded
    }

    private func makeEntry(_ record: WebhookSourceRecord, pseudonymizer: UserPseudonymizer, now: Int64) throws -> Entry {
        guard let kind = WebhookKind(rawValue: record.kind) else { throw StoreError(.engine, "unknown source kind \(record.kind)") }
        let current = try WebhookSecret(configured: record.currentSecret, kind: kind)
        let previous = try record.previousSecret.map { try WebhookSecret(configured: $0, kind: kind) }
        return Entry(
            record: record,
            kind: kind,
            secrets: SourceSecrets(current: current, previous: previous, previousExpiresAt: record.previousExpiresAt),
            verifier: kind.verifier(toleranceSeconds: toleranceSeconds),
            normaliser: kind.normaliser(pseudonymizer: pseudonymizer),
            loadedAt: now
        )
    }
}
