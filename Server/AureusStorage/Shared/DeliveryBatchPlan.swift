import AureusCore

/// The dedup key of a delivery, unique per source, compared byte for byte as the databases do.
///
/// Swift's `String` equality treats canonically equivalent texts ("é" composed or not) as
/// equal where both engines see two different ids, so the key compares UTF-8 bytes instead.
struct DeliveryKey: Hashable, Sendable, Comparable {
    let sourceID: Int64
    let eventID: String

    static func == (lhs: DeliveryKey, rhs: DeliveryKey) -> Bool {
        lhs.sourceID == rhs.sourceID && lhs.eventID.utf8.elementsEqual(rhs.eventID.utf8)
    }

    static func < (lhs: DeliveryKey, rhs: DeliveryKey) -> Bool {
        lhs.sourceID != rhs.sourceID ? lhs.sourceID < rhs.sourceID : lhs.eventID.utf8.lexicographicallyPrecedes(rhs.eventID.utf8)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(sourceID)
        for byte in eventID.utf8 { hasher.combine(byte) }
    }
}

/// How a batch goes into one multi-row insert: which items to send, in which order, and how to
/// turn the ids the insert returned into one outcome per item.
///
/// - Important: Only the first item of each key is sent, so the insert never sees a key twice
///   and every later copy is a duplicate. Items are sent sorted by key: concurrent transactions
///   inserting overlapping keys then always wait on each other in the same order, which rules
///   out the deadlock two batches holding `[a, b]` and `[b, a]` would otherwise cause.
struct DeliveryBatchPlan: Sendable {
    /// Batch indices of each key's first occurrence, sorted by key.
    let insertOrder: [Int]
    private let keys: [DeliveryKey]
    private let firstIndex: [DeliveryKey: Int]

    init(_ batch: [NewDelivery]) {
        let keys = batch.map { DeliveryKey(sourceID: $0.sourceID, eventID: $0.eventID) }
        var firstIndex: [DeliveryKey: Int] = [:]
        firstIndex.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() where firstIndex[key] == nil { firstIndex[key] = index }
        self.keys = keys
        self.firstIndex = firstIndex
        self.insertOrder = firstIndex.values.sorted { keys[$0] < keys[$1] }
    }

    /// One outcome per batch item, in batch order: `.stored` for a first occurrence the insert
    /// returned an id for, `.duplicate` for everything else.
    func outcomes(storedIDs: [DeliveryKey: Int64]) -> [DeliveryOutcome] {
        keys.enumerated().map { index, key in
            guard firstIndex[key] == index, let id = storedIDs[key] else { return .duplicate }
            return .stored(id: id)
        }
    }
}
