import AureusRedis
import Logging

/// Deduplication ahead of the store. The store's unique index on (source, event id) is the
/// ground truth in every configuration; with Redis, ids already committed by *any* instance
/// are answered from memory without a database round trip.
///
/// - Important: an id is marked in Redis only *after* its commit. Marking first (a bare
///   `SET NX` before the insert) would turn a crash between the two into a lost webhook: the
///   provider's retry would be taken for a duplicate of a row that was never written.
protocol DeliveryDedup: Sendable {
    /// False when both calls below do nothing (the store's index decides alone), so a webhook
    /// can go to the group commit without awaiting them.
    var consulted: Bool { get }
    /// True when the delivery is known to be committed already.
    func isKnown(sourceID: Int64, eventID: String) async -> Bool
    /// Records a committed (or found-duplicate) delivery.
    func remember(sourceID: Int64, eventID: String) async
}

/// Without Redis: every delivery goes to the store, whose unique index decides.
struct StoreIndexDedup: DeliveryDedup {
    var consulted: Bool { false }
    func isKnown(sourceID: Int64, eventID: String) async -> Bool { false }
    func remember(sourceID: Int64, eventID: String) async {}
}

/// With Redis: `EXISTS` before, `SET NX PX` after the commit. A Redis error falls back to
/// the store's index (never to refusing or to double-storing). Concurrent webhooks' commands
/// share pipelines (``RedisCommandCoalescer``), so Redis adds round trips per burst, not per request.
struct RedisDedup: DeliveryDedup {
    var consulted: Bool { true }
    let redis: RedisCommandCoalescer
    /// `<namespace>:dedup:`.
    let keyPrefix: String
    let ttlMilliseconds: Int64
    let logger: Logger

    func key(sourceID: Int64, eventID: String) -> String { "\(keyPrefix)\(sourceID):\(eventID)" }

    func isKnown(sourceID: Int64, eventID: String) async -> Bool {
        do {
            return try await redis.send(["EXISTS", key(sourceID: sourceID, eventID: eventID)]).int64Value == 1
        } catch {
            logger.debug("redis dedup check failed; the store decides", metadata: ["aureus.error": "\(error)"])
            return false
        }
    }

    func remember(sourceID: Int64, eventID: String) async {
        do {
            try await redis.send(["SET", key(sourceID: sourceID, eventID: eventID), "1", "NX", "PX", String(ttlMilliseconds)])
        } catch {
            logger.debug("redis dedup mark failed", metadata: ["aureus.error": "\(error)"])
        }
    }
}
