import AureusCore
import AureusProtocol
import Testing

/// The hash chain must catch every kind of tampering at the row where it happened.
@Suite struct AuditChainTests {
    let digester = ReferenceSHA256()

    static func draft(_ index: Int) -> AuditDraft {
        AuditDraft(
            time: Timestamp(milliseconds: 1_795_291_262_000 + Int64(index) * 1_000),
            actor: index.isMultiple(of: 3) ? "-" : "user\(index)",
            role: index.isMultiple(of: 3) ? nil : Role.allCases[index % 4],
            action: "users.create",
            target: "target\(index)",
            summary: ["username": .string("u\(index)"), "password": "[redacted]", "n": .int(Int64(index))],
            outcome: index.isMultiple(of: 4) ? "denied" : "ok",
            requestID: "c1-\(index)",
            clientAddress: "127.0.0.1:\(40_000 + index)"
        )
    }

    func chain(_ count: Int) -> [AuditEvent] {
        var events: [AuditEvent] = []
        for index in 1...count {
            events.append(
                AuditChain.seal(Self.draft(index), seq: Int64(index), prevHash: events.last?.hash ?? AuditChain.genesis, digester: digester)
            )
        }
        return events
    }

    func verify(_ events: [AuditEvent]) -> (checked: Int64, broken: AuditChainVerifier.Break?) {
        var verifier = AuditChainVerifier()
        for event in events {
            if let broken = verifier.check(event, digester: digester) { return (verifier.checked, broken) }
        }
        return (verifier.checked, nil)
    }

    @Test(arguments: [1, 2, 10, 50])
    func intactChainVerifies(count: Int) {
        let events = chain(count)
        let result = verify(events)
        #expect(result.broken == nil)
        #expect(result.checked == Int64(count))
    }

    @Test func sealLinksRowsAndHashesTheCanonicalForm() {
        let events = chain(3)
        #expect(events[0].prevHash == AuditChain.genesis)
        #expect(AuditChain.genesis == String(repeating: "0", count: 64))
        #expect(events[1].prevHash == events[0].hash)
        #expect(events[2].prevHash == events[1].hash)
        for event in events {
            #expect(event.hash.count == 64)
            #expect(event.hash.allSatisfy { "0123456789abcdef".contains($0) })
            // Recomputed independently: SHA-256(prevHash ‖ "\n" ‖ canonical JSON of the row).
            let canonical = AuditChain.canonicalBytes(
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
            #expect(event.hash == AuditChain.hex(digester.sha256(Array(event.prevHash.utf8) + [0x0A] + canonical)))
        }
        #expect(Set(events.map(\.hash)).count == 3)
    }

    @Test func canonicalRowCoversEveryFieldButTheHashes() throws {
        let bytes = AuditChain.canonicalBytes(
            seq: 7,
            time: Timestamp(milliseconds: 5),
            actor: "alice",
            role: .admin,
            action: "users.create",
            target: nil,
            summary: ["b": 1, "a": "x"],
            outcome: "ok",
            requestID: "c1-1",
            clientAddress: nil
        )
        let expected =
            #"{"action":"users.create","actor":"alice","clientAddress":null,"outcome":"ok","requestID":"c1-1","role":"admin","#
            + #""seq":7,"summary":{"a":"x","b":1},"target":null,"time":5}"#
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    /// Each editable field, with a change an attacker might make.
    static let edits: [(String, @Sendable (inout AuditEvent) -> Void)] = [
        ("time", { $0.time = $0.time.adding(milliseconds: 1) }),
        ("actor", { $0.actor = "mallory" }),
        ("role", { $0.role = .admin }),
        ("role removed", { $0.role = nil }),
        ("action", { $0.action = "users.list" }),
        ("target", { $0.target = "someone-else" }),
        ("target removed", { $0.target = nil }),
        ("summary", { $0.summary = ["username": "u5", "password": "[redacted]", "n": 6] }),
        ("summary key order is irrelevant, value is not", { $0.summary = ["n": 5, "username": "u5", "password": "hunter2"] }),
        ("outcome", { $0.outcome = "ok" == $0.outcome ? "denied" : "ok" }),
        ("requestID", { $0.requestID = "c9-9" }),
        ("requestID removed", { $0.requestID = nil }),
        ("clientAddress", { $0.clientAddress = "10.0.0.1:1" }),
        ("hash", { $0.hash = String($0.hash.reversed()) }),
    ]

    @Test(arguments: 0..<edits.count)
    func editingAnyFieldOfAMiddleRowIsDetectedThere(editIndex: Int) throws {
        let (field, change) = Self.edits[editIndex]
        var events = chain(9)
        change(&events[4])
        let result = verify(events)
        let broken = try #require(result.broken, "editing \(field) went unnoticed")
        #expect(broken.seq == 5, "\(field)")
        #expect(broken.reason.contains("edited"), "\(field): \(broken.reason)")
        #expect(result.checked == 4)
    }

    @Test func alteringPrevHashReportsTheLink() throws {
        var events = chain(9)
        events[4].prevHash = AuditChain.genesis
        let broken = try #require(verify(events).broken)
        #expect(broken.seq == 5)
        #expect(broken.reason.contains("previous-hash link does not match row 4"))
    }

    @Test func resealingAnEditedRowBreaksTheNextLink() throws {
        var events = chain(9)
        var forged = Self.draft(5)
        forged.actor = "mallory"
        events[4] = AuditChain.seal(forged, seq: 5, prevHash: events[3].hash, digester: digester)
        let broken = try #require(verify(events).broken)
        #expect(broken.seq == 6)
        #expect(broken.reason.contains("link"))
    }

    @Test func deletingAMiddleRowReportsTheMissingSeq() throws {
        var events = chain(9)
        events.remove(at: 4)
        let result = verify(events)
        let broken = try #require(result.broken)
        #expect(broken.seq == 5)
        #expect(broken.reason.contains("row 5 is missing"))
        #expect(broken.reason.contains("jumps from 4 to 6"))
        #expect(result.checked == 4)
    }

    @Test func deletingSeveralRowsReportsTheRange() throws {
        var events = chain(9)
        events.removeSubrange(3..<6)
        let broken = try #require(verify(events).broken)
        #expect(broken.seq == 4)
        #expect(broken.reason.contains("rows 4–6 are missing"))
    }

    @Test func deletingTheFirstRowIsDetected() throws {
        let broken = try #require(verify(Array(chain(3).dropFirst())).broken)
        #expect(broken.seq == 1)
        #expect(broken.reason.contains("row 1 is missing"))
    }

    @Test func changingSeqIsDetectedAsAGap() throws {
        var events = chain(9)
        events[4].seq = 50
        let broken = try #require(verify(events).broken)
        #expect(broken.seq == 5)
        #expect(broken.reason.contains("missing"))
    }

    @Test func swappingTwoRowsIsDetected() throws {
        var events = chain(9)
        events.swapAt(3, 4)
        let broken = try #require(verify(events).broken)
        #expect(broken.seq == 4)
    }

    @Test func breakDescriptionNamesTheRow() {
        var events = chain(3)
        events[1].actor = "x"
        #expect(verify(events).broken?.description.hasPrefix("row 2: ") == true)
    }
}
