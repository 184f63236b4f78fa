import AureusCore
import AureusProtocol
import AureusStorage
import Testing

extension StoreTests {
    static func newSource(_ name: String, kind: String = "standard", secret: String = "whsec_c2VjcmV0") -> NewWebhookSource {
        NewWebhookSource(name: name, kind: kind, secret: secret, createdAt: Timestamp(milliseconds: 1_700_000_000_000))
    }

    static func delivery(
        _ sourceID: Int64,
        _ eventID: String,
        samples: Int = 2,
        body: [UInt8]? = nil,
        notifications: [String] = ["sleep.updated"]
    ) -> NewDelivery {
        NewDelivery(
            sourceID: sourceID,
            eventID: eventID,
            receivedAt: Timestamp(milliseconds: 1_700_000_100_000),
            rawBody: body ?? Array(#"{"id":"\#(eventID)","data":{"hr":61.5}}"#.utf8),
            samples: (0..<samples).map { index in
                SampleRecord(
                    user: "u_\(eventID)",
                    metric: index.isMultiple(of: 2) ? "heart_rate" : "hrv",
                    value: 61.5 + Double(index),
                    unit: "bpm",
                    time: Timestamp(milliseconds: 1_700_000_000_000 + Int64(index))
                )
            },
            notifications: notifications
        )
    }

    static func storedIDs(_ outcomes: [DeliveryOutcome]) -> [Int64] {
        outcomes.compactMap { if case .stored(let id) = $0 { id } else { nil } }
    }

    @Test("webhook sources: create, get, list in order, rotate, disable; unknown id is notFound", arguments: Backend.allCases)
    func webhookSources(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let whoop = try await store.createSource(Self.newSource("whoop", kind: "whoop", secret: "raw-secret"))
            let oura = try await store.createSource(Self.newSource("oura", kind: "oura"))
            #expect(whoop.id != oura.id)
            #expect(whoop.kind == "whoop" && whoop.currentSecret == "raw-secret" && whoop.previousSecret == nil && !whoop.disabled)
            #expect(try await store.source(named: "whoop") == whoop)
            #expect(try await store.source(named: "terra") == nil)
            #expect(try await store.listSources().map(\.name) == ["oura", "whoop"])

            let expiry = Timestamp(milliseconds: 1_700_086_400_000)
            try await store.rotateSourceSecret(id: whoop.id, newSecret: "second", previousExpiresAt: expiry)
            var rotated = try #require(try await store.source(named: "whoop"))
            #expect(rotated.currentSecret == "second" && rotated.previousSecret == "raw-secret" && rotated.previousExpiresAt == expiry)
            try await store.rotateSourceSecret(id: whoop.id, newSecret: "third", previousExpiresAt: expiry.adding(milliseconds: 1))
            rotated = try #require(try await store.source(named: "whoop"))
            #expect(rotated.currentSecret == "third" && rotated.previousSecret == "second")
            #expect(rotated.previousExpiresAt?.milliseconds == expiry.milliseconds + 1)

            try await store.setSourceDisabled(id: oura.id, disabled: true)
            #expect(try await store.source(named: "oura")?.disabled == true)
            try await store.setSourceDisabled(id: oura.id, disabled: false)
            #expect(try await store.source(named: "oura")?.disabled == false)
            #expect(try await store.source(named: "oura")?.currentSecret == oura.currentSecret)

            let missing = max(whoop.id, oura.id) + 100
            await Self.expectStoreError(.notFound) { try await store.setSourceDisabled(id: missing, disabled: true) }
            await Self.expectStoreError(.notFound) {
                try await store.rotateSourceSecret(id: missing, newSecret: "x", previousExpiresAt: expiry)
            }
        }
    }

    @Test("a duplicate webhook source name is a conflict that names it", arguments: Backend.allCases)
    func duplicateWebhookSource(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            _ = try await harness.store.createSource(Self.newSource("oura"))
            let error = await Self.expectStoreError(.conflict) { _ = try await harness.store.createSource(Self.newSource("oura", kind: "terra")) }
            #expect(error?.reason == "webhook source 'oura' already exists")
            #expect(try await harness.store.listSources().map(\.kind) == ["standard"])
        }
    }

    @Test("storeDeliveries: stores a batch, duplicates against stored rows and within the batch", arguments: Backend.allCases)
    func storeDeliveriesBatch(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let source = try await store.createSource(Self.newSource("standard"))
            let other = try await store.createSource(Self.newSource("other"))
            #expect(try await store.storeDeliveries([]) == [])

            let first = try await store.storeDeliveries((1...5).map { Self.delivery(source.id, "evt_\($0)") })
            let firstIDs = Self.storedIDs(first)
            #expect(firstIDs.count == 5 && Set(firstIDs).count == 5)

            // Old ids, new ids, a repeat inside the batch, and an old event id under another source.
            let second = try await store.storeDeliveries([
                Self.delivery(source.id, "evt_2", samples: 3),
                Self.delivery(source.id, "evt_6"),
                Self.delivery(source.id, "evt_6", samples: 5),
                Self.delivery(other.id, "evt_1", samples: 1, notifications: []),
                Self.delivery(source.id, "evt_5"),
                Self.delivery(source.id, "evt_7", samples: 0),
            ])
            #expect(second.map { $0 == .duplicate } == [true, false, true, false, true, false])
            #expect(Set(Self.storedIDs(second)).isDisjoint(with: firstIDs))

            #expect(try await store.deliveryCount(sourceID: nil) == 8)
            #expect(try await store.deliveryCount(sourceID: source.id) == 7)
            #expect(try await store.deliveryCount(sourceID: other.id) == 1)
            #expect(try await store.hasDelivery(sourceID: source.id, eventID: "evt_6"))
            #expect(try await store.hasDelivery(sourceID: other.id, eventID: "evt_1"))
            #expect(try await !store.hasDelivery(sourceID: other.id, eventID: "evt_2"))

            // Only stored deliveries bring samples: 5×2 + 2 (evt_6) + 1 (other) + 0 (evt_7).
            #expect(try await harness.store._queryRawInt64("SELECT COUNT(*) FROM biometric_samples") == 13)
            let evt6 = try #require(Self.storedIDs([second[1]]).first)
            let evt6Sample = """
                SELECT COUNT(*) FROM biometric_samples
                WHERE delivery_id = \(evt6) AND user_pseudonym = 'u_evt_6' AND metric = 'hrv' AND value = 62.5 AND unit = 'bpm'
                """
            #expect(try await harness.store._queryRawInt64(evt6Sample) == 1)
            let otherSample = "SELECT COUNT(*) FROM biometric_samples WHERE source_id = \(other.id) AND metric = 'heart_rate'"
            #expect(try await harness.store._queryRawInt64(otherSample) == 1)
            let notified = "SELECT COUNT(*) FROM webhook_deliveries WHERE notifications = '[\"sleep.updated\"]'"
            #expect(try await harness.store._queryRawInt64(notified) == 7)
            #expect(try await harness.store._queryRawInt64("SELECT COUNT(*) FROM webhook_deliveries WHERE notifications = '[]'") == 1)
        }
    }

    @Test("a batch naming an unknown source fails as a whole and writes nothing", arguments: Backend.allCases)
    func storeDeliveriesUnknownSource(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let source = try await store.createSource(Self.newSource("standard"))
            await Self.expectStoreError(.notFound) {
                _ = try await store.storeDeliveries([Self.delivery(source.id, "a"), Self.delivery(source.id + 99, "b")])
            }
            #expect(try await store.deliveryCount(sourceID: nil) == 0)
            #expect(try await harness.store._queryRawInt64("SELECT COUNT(*) FROM biometric_samples") == 0)
            #expect(Self.storedIDs(try await store.storeDeliveries([Self.delivery(source.id, "a")])).count == 1)
        }
    }

    @Test("rawDelivery returns the exact bytes: binary, 200 KiB, empty; nil when unknown", arguments: Backend.allCases)
    func rawDeliveryRoundTrip(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let source = try await store.createSource(Self.newSource("standard"))
            let binary: [UInt8] = Array(0...255) + [0, 0, 0xFF, 0xFE, 0x00, 0x80] + Array(#"{"a":"\u0000"}"#.utf8)
            var generator = SystemRandomNumberGenerator()
            let json = Array(String(repeating: #"{"metric":"heart_rate","value":61.5,"unit":"bpm"},"#, count: 2_000).utf8)
            let large = Array((json + (0..<(200 * 1024)).map { _ in UInt8.random(in: 0...255, using: &generator) }).prefix(200 * 1024))
            let bodies: [String: [UInt8]] = ["binary": binary, "large": large, "empty": []]
            let outcomes = try await store.storeDeliveries(bodies.map { Self.delivery(source.id, $0.key, body: $0.value) })
            #expect(Self.storedIDs(outcomes).count == 3)
            for (eventID, body) in bodies {
                let stored = try await store.rawDelivery(sourceID: source.id, eventID: eventID)
                #expect(stored == body, "\(eventID): \(stored?.count ?? -1) bytes back, \(body.count) sent")
            }
            #expect(try await store.rawDelivery(sourceID: source.id, eventID: "missing") == nil)
            #expect(try await store.rawDelivery(sourceID: source.id + 1, eventID: "binary") == nil)
            let storedSize = try await harness.store._queryRawInt64("SELECT raw_size FROM webhook_deliveries WHERE event_id = 'large'")
            #expect(storedSize == Int64(200 * 1024))
        }
    }

    @Test("20 concurrent batches with overlapping event ids store each id exactly once", arguments: Backend.allCases)
    func concurrentStoreDeliveries(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let source = try await store.createSource(Self.newSource("standard"))
            // Task t sends ids 10t ..< 10t + 30, so most ids are sent by three tasks; odd tasks
            // send them in reverse so lock orders would cross if the store did not sort.
            let results = try await withThrowingTaskGroup(of: [(String, DeliveryOutcome)].self) { group in
                for task in 0..<20 {
                    let range = ((task * 10)..<(task * 10 + 30)).map { "evt_\($0)" }
                    let ids = task.isMultiple(of: 2) ? range : range.reversed()
                    group.addTask {
                        let outcomes = try await store.storeDeliveries(ids.map { Self.delivery(source.id, $0, samples: 1) })
                        return Array(zip(ids, outcomes))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let distinct = Set((0..<220).map { "evt_\($0)" })
            #expect(results.count == 20 && results.allSatisfy { $0.count == 30 })
            let stored = results.flatMap { $0 }.filter { $0.1 != .duplicate }
            #expect(stored.count == distinct.count && Set(stored.map(\.0)) == distinct)
            #expect(Set(Self.storedIDs(stored.map(\.1))).count == distinct.count)
            #expect(results.flatMap { $0 }.count - stored.count == 20 * 30 - distinct.count)
            #expect(try await store.deliveryCount(sourceID: source.id) == Int64(distinct.count))
            #expect(try await harness.store._queryRawInt64("SELECT COUNT(*) FROM biometric_samples") == Int64(distinct.count))
            let repeated = "SELECT COUNT(*) FROM (SELECT event_id FROM webhook_deliveries GROUP BY event_id HAVING COUNT(*) > 1) AS d"
            #expect(try await harness.store._queryRawInt64(repeated) == 0)
            for eventID in ["evt_0", "evt_100", "evt_219"] { #expect(try await store.hasDelivery(sourceID: source.id, eventID: eventID)) }
        }
    }
}
