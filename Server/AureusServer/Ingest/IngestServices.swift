import AureusCore
import AureusCrypto
import AureusIngest
import AureusRedis
import Foundation
import Glibc
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
                connection: try RedisConnection(url: url, logger: logger),
                keyPrefix: configuration.redisNamespace + ":dedup:",
                ttlMilliseconds: 7 * 86_400_000,
                logger: logger
            )
        } else {
            dedup = StoreIndexDedup()
        }
        let key = try Self.pseudonymKey(dataDirectory: configuration.dataDirectory)
        sources = SourceRegistry(
            store: store,
            clock: clock,
            toleranceSeconds: configuration.webhookToleranceSeconds,
            pseudonymizer: UserPseudonymizer.keyedHash(key: key)
        )
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

    /// The key for user pseudonyms: 32 random bytes in `<data-dir>/pseudonym.key` (0600),
    /// created on first start and kept, so a user's pseudonym is stable across restarts.
    static func pseudonymKey(dataDirectory: String) throws -> [UInt8] {
        let path = (dataDirectory as NSString).appendingPathComponent("pseudonym.key")
        if let data = FileManager.default.contents(atPath: path), data.count == 32 { return Array(data) }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = SecureRandom.bytes(32)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd < 0 {
            // Another process created it first: use theirs.
            if let data = FileManager.default.contents(atPath: path), data.count == 32 { return Array(data) }
            throw StoreError(.engine, "cannot create \(path)")
        }
        defer { close(fd) }
        guard write(fd, key, key.count) == key.count else { throw StoreError(.engine, "cannot write \(path)") }
        return key
    }
}
