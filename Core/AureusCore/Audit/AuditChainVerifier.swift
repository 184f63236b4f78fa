import AureusProtocol

/// Walks the audit chain in order, one row at a time, and stops at the first broken link.
///
/// A value-type state machine so the store adapter can feed it page by page without holding
/// the whole log in memory.
public struct AuditChainVerifier: Sendable {
    public struct Break: Sendable, Hashable, CustomStringConvertible {
        public let seq: Int64
        public let reason: String
        public var description: String { "row \(seq): \(reason)" }
    }

    public private(set) var checked: Int64 = 0
    public private(set) var lastSeq: Int64 = 0
    private var lastHash = AuditChain.genesis

    public init() {}

    /// Checks the next row. Returns the break if this row is where the chain fails.
    public mutating func check(_ event: AuditEvent, digester: some SHA256Digester) -> Break? {
        let expectedSeq = lastSeq + 1
        if event.seq != expectedSeq {
            let missing = event.seq - expectedSeq == 1 ? "row \(expectedSeq) is missing" : "rows \(expectedSeq)–\(event.seq - 1) are missing"
            return Break(seq: expectedSeq, reason: "\(missing) (deleted?): the chain jumps from \(lastSeq) to \(event.seq)")
        }
        if event.prevHash != lastHash {
            return Break(
                seq: event.seq,
                reason: "its previous-hash link does not match row \(lastSeq)'s hash (row \(lastSeq) or this link was altered)"
            )
        }
        if AuditChain.expectedHash(of: event, digester: digester) != event.hash {
            return Break(seq: event.seq, reason: "its hash does not match its contents (the row was edited)")
        }
        checked += 1
        lastSeq = event.seq
        lastHash = event.hash
        return nil
    }
}
