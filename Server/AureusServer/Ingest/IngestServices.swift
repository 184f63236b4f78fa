import AureusCore
import AureusCrypto
import AureusIngest
import AureusProtocol
import AureusRedis
import Foundation
import Logging

/// The ingestion pipeline's parts, built once: source cache, group-commit batcher, live
/// rates and the rejection ledger.
struct IngestServices: Sendable {
    let sources: SourceRegistry
    let batcher: IngestBatcher
    let rates: RateTracker
    let rejections: RejectionLedger
    let dedup: any DeliveryDedup

    init(store: any AureusStore, configuration: ServerConfiguration, clock: any WallClock, metrics: ServerMetrics, logger: Logger) throws {
        if let url = configuration.redisURL {
            dedup = RedisDedup(
                redis: RedisCommandCoalescer(connection: try RedisConnection(url: url, logger: logger)),
                keyPrefix: configuration.redisNamespace + ":dedup:",
                ttlMilliseconds: 7 * 86_400_000,
                logger: logger
            )
        } else {
            dedup = StoreIndexDedup()
        }
        let dataDirectory = configuration.dataDirectory
        sources = SourceRegistry(store: store, clock: clock, toleranceSeconds: configuration.webhookToleranceSeconds) {
            try await Self.pseudonymKey(store: store, dataDirectory: dataDirectory, now: clock.now(), logger: logger)
        }
        batcher = IngestBatcher(
            store: store,
            capacity: configuration.ingestQueueCapacity,
            maxBatch: configuration.ingestMaxBatch,
            writers: configuration.databaseURL == nil ? 1 : 4,
            clock: clock,
            logger: logger
        )
        rates = RateTracker(observe: { metrics.webhook(outcome: $0) })
        rejections = RejectionLedger()
    }

    /// The key for user pseudonyms, shared by every instance on the database (``SharedSecretStore``),
    /// so a user gets one pseudonym whichever instance took the webhook, and keeps it across
    /// restarts. A `pseudonym.key` left in the data directory by an earlier aureusd is offered
    /// as the first value, so an upgraded deployment keeps the pseudonyms it already stored.
    static func pseudonymKey(store: any SharedSecretStore, dataDirectory: String, now: Timestamp, logger: Logger) async throws -> [UInt8] {
        let path = (dataDirectory as NSString).appendingPathComponent("pseudonym.key")
        let legacy = FileManager.default.contents(atPath: path).map(Array.init).flatMap { $0.count == 32 ? $0 : nil }
        let key = try await store.sharedSecret(named: "pseudonym", proposing: legacy ?? SecureRandom.bytes(32), now: now)
        if let legacy, legacy != key {
            logger.warning(
                "pseudonym.key in the data directory differs from the database's shared pseudonym key; the database's is used",
                metadata: ["aureus.path": "\(path)"]
            )
        }
        return key
    }
}
