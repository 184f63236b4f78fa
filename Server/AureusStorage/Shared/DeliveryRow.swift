import AureusCompression
import AureusCore
import AureusProtocol

/// A delivery turned into column values, the same for both engines: the compressed body, its
/// original size and the notification types as a JSON array.
///
/// Built before the write transaction starts, so the CPU work of compressing never runs while
/// the writer lock (SQLite) or the row locks (PostgreSQL) are held.
struct DeliveryRow: Sendable {
    let compressedBody: [UInt8]
    let rawSize: Int64
    let notificationsJSON: String

    /// Turns a batch into rows, compressing every body with one reused deflate state.
    ///
    /// - Throws: `StoreError(.engine)` when zlib fails.
    static func rows(_ deliveries: [NewDelivery]) throws(StoreError) -> [DeliveryRow] {
        let bodies: [[UInt8]]
        do {
            bodies = try Deflate.compress(deliveries.map(\.rawBody))
        } catch {
            throw StoreError(.engine, "cannot compress delivery bodies: \(error)")
        }
        return zip(deliveries, bodies).map { delivery, body in
            DeliveryRow(
                compressedBody: body,
                rawSize: Int64(delivery.rawBody.count),
                notificationsJSON: notificationsJSON(delivery.notifications)
            )
        }
    }

    static func notificationsJSON(_ notifications: [String]) -> String {
        notifications.isEmpty ? "[]" : CanonicalJSON.string(.array(notifications.map { .string($0) }))
    }

    /// Reads a stored body back.
    ///
    /// - Throws: `StoreError(.engine)` when the stored bytes do not inflate to `rawSize` bytes.
    static func body(compressed: [UInt8], rawSize: Int64, sourceID: Int64, eventID: String) throws(StoreError) -> [UInt8] {
        do {
            return try Deflate.decompress(compressed, originalSize: Int(clamping: rawSize))
        } catch {
            throw StoreError(.engine, "the stored body of delivery '\(eventID)' (source \(sourceID)) is damaged: \(error)")
        }
    }
}
