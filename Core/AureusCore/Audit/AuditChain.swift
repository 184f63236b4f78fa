import AureusProtocol

/// SHA-256, supplied by the crypto adapter. Core stays free of C.
public protocol SHA256Digester: Sendable {
    func sha256(_ bytes: [UInt8]) -> [UInt8]
}

/// The audit hash chain: how a row is encoded, sealed and checked.
///
/// `hash = SHA-256(prevHash ‖ "\n" ‖ canonical(row))`, where `canonical(row)` is the canonical
/// JSON of every field except the two hashes, and `prevHash` is the previous row's hex hash
/// (`genesis` for the first row). Editing any field of a row breaks its own hash; deleting a
/// row breaks the next row's link and leaves a gap in `seq`.
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// The canonical bytes hashed for a row (everything but `prevHash` and `hash`).
    public static func canonicalBytes(
        seq: Int64,
        time: Timestamp,
        actor: String,
        role: Role?,
        action: String,
        target: String?,
        summary: JSONValue,
        outcome: String,
        requestID: String?,
        clientAddress: String?
    ) -> [UInt8] {
        let object: JSONValue = [
            "seq": .int(seq),
            "time": .int(time.milliseconds),
            "actor": .string(actor),
            "role": role.map { .string($0.rawValue) } ?? .null,
            "action": .string(action),
            "target": target.map { .string($0) } ?? .null,
            "summary": summary,
            "outcome": .string(outcome),
            "requestID": requestID.map { .string($0) } ?? .null,
            "clientAddress": clientAddress.map { .string($0) } ?? .null,
        ]
        return CanonicalJSON.encode(object)
    }

    public static func hash(prevHash: String, canonical: [UInt8], digester: some SHA256Digester) -> String {
        hex(digester.sha256(Array(prevHash.utf8) + [0x0A] + canonical))
    }

    /// Seals a draft as row `seq` after a row whose hash is `prevHash`.
    public static func seal(_ draft: AuditDraft, seq: Int64, prevHash: String, digester: some SHA256Digester) -> AuditEvent {
        var event = AuditEvent(
            seq: seq,
            time: draft.time,
            actor: draft.actor,
            role: draft.role,
            action: draft.action,
            target: draft.target,
            summary: draft.summary,
            outcome: draft.outcome,
            requestID: draft.requestID,
            clientAddress: draft.clientAddress,
            prevHash: prevHash,
            hash: ""
        )
        event.hash = expectedHash(of: event, digester: digester)
        return event
    }

    /// The hash a stored row should have, recomputed from its fields.
    public static func expectedHash(of event: AuditEvent, digester: some SHA256Digester) -> String {
        let canonical = canonicalBytes(
            seq: event.seq,
            time: event.time,
            actor: event.actor,
            role: event.role,
            action: event.action,
            target: event.target,
            summary: event.summary,
            outcome: event.outcome,
            requestID: event.requestID,
            clientAddress: event.clientAddress
        )
        return hash(prevHash: event.prevHash, canonical: canonical, digester: digester)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    public static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
