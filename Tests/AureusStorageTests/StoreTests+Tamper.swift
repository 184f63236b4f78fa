import AureusCore
import AureusProtocol
import AureusStorage
import Testing

/// Someone with write access to the database edits the audit table behind the server's back;
/// `verifyChain` must point at the damaged row.
extension StoreTests {
    /// Appends five rows and returns them.
    private static func seedChain(_ store: TestStore) async throws -> [AuditEvent] {
        var events: [AuditEvent] = []
        for index in 1...5 { events.append(try await store.appendAudit(draft(index))) }
        #expect(try await store.verifyChain(digester: digester).ok)
        return events
    }

    @Test("an edited field is reported at its row", arguments: Backend.allCases)
    func tamperEditedField(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            _ = try await Self.seedChain(harness.store)
            try await harness.store._executeRaw("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3")
            let result = try await harness.store.verifyChain(digester: Self.digester)
            #expect(!result.ok && result.brokenAt == 3 && result.checked == 2)
            #expect(result.reason?.contains("edited") == true, "\(result)")
        }
    }

    @Test("an edited summary or an invalid role is reported as an edit", arguments: Backend.allCases)
    func tamperSummaryAndRole(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            _ = try await Self.seedChain(harness.store)
            try await harness.store._executeRaw("UPDATE audit_events SET summary = '{\"index\":2}' WHERE seq = 2")
            #expect(try await harness.store.verifyChain(digester: Self.digester).brokenAt == 2)
            try await harness.store._executeRaw("UPDATE audit_events SET summary = 'not json', role = 'root' WHERE seq = 1")
            let result = try await harness.store.verifyChain(digester: Self.digester)
            #expect(result.brokenAt == 1 && result.reason?.contains("edited") == true, "\(result)")
        }
    }

    @Test("a deleted middle row is reported as missing", arguments: Backend.allCases)
    func tamperDeletedRow(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            _ = try await Self.seedChain(harness.store)
            try await harness.store._executeRaw("DELETE FROM audit_events WHERE seq = 3")
            let result = try await harness.store.verifyChain(digester: Self.digester)
            #expect(!result.ok && result.brokenAt == 3 && result.checked == 2)
            #expect(result.reason?.contains("row 3 is missing") == true, "\(result)")
        }
    }

    @Test("a changed stored hash fails that row; a re-sealed row breaks the next link", arguments: Backend.allCases)
    func tamperChangedHash(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let events = try await Self.seedChain(harness.store)
            let forged = String(repeating: "ab", count: 32)
            try await harness.store._executeRaw("UPDATE audit_events SET hash = '\(forged)' WHERE seq = 4")
            #expect(try await harness.store.verifyChain(digester: Self.digester).brokenAt == 4)

            // A careful attacker edits row 3 and recomputes its hash so the row itself checks out:
            // row 4 still carries the old hash as its link, so the chain breaks there.
            try await harness.store._executeRaw("UPDATE audit_events SET hash = '\(events[3].hash)' WHERE seq = 4")
            var edited = events[2]
            edited.actor = "mallory"
            let resealed = AuditChain.expectedHash(of: edited, digester: Self.digester)
            try await harness.store._executeRaw("UPDATE audit_events SET actor = 'mallory', hash = '\(resealed)' WHERE seq = 3")
            let result = try await harness.store.verifyChain(digester: Self.digester)
            #expect(!result.ok && result.brokenAt == 4 && result.checked == 3)
            #expect(result.reason?.contains("previous-hash link") == true, "\(result)")
        }
    }
}
