import AureusCore
import AureusProtocol
import AureusStorage
import Testing

extension StoreTests {
    @Test("Shared secrets: the first proposal is kept, later ones get it back", arguments: Backend.allCases)
    func sharedSecretFirstWriterWins(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let now = Timestamp(milliseconds: 1_000)
            let first: [UInt8] = Array(0..<32)
            let second: [UInt8] = Array(repeating: 0xAB, count: 32)
            let stored = try await harness.store.sharedSecret(named: "pseudonym", proposing: first, now: now)
            let again = try await harness.store.sharedSecret(named: "pseudonym", proposing: second, now: now)
            let other = try await harness.store.sharedSecret(named: "other", proposing: second, now: now)
            #expect(stored == first)
            #expect(again == first, "a later proposal gets the stored value back")
            #expect(other == second, "names are separate secrets")
        }
    }

    @Test("Shared secrets: processes starting together agree on one value", arguments: Backend.allCases)
    func sharedSecretRace(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            try await harness.withPeer { peer in
                let stores: [TestStore] = [harness.store, peer, harness.store, peer, peer, harness.store]
                let answers = try await withThrowingTaskGroup(of: [UInt8].self) { group in
                    for (index, store) in stores.enumerated() {
                        group.addTask {
                            try await store.sharedSecret(
                                named: "race",
                                proposing: Array(repeating: UInt8(index + 1), count: 32),
                                now: Timestamp(milliseconds: 1_000)
                            )
                        }
                    }
                    return try await group.reduce(into: [[UInt8]]()) { $0.append($1) }
                }
                #expect(Set(answers).count == 1, "six proposals must end as one stored secret, got \(Set(answers).count)")
                #expect(answers.first.map { Set($0).count == 1 && (1...6).contains($0[0]) } == true)
            }
        }
    }
}
