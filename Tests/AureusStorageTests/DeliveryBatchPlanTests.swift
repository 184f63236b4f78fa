import AureusCore
import AureusProtocol
import Testing

@testable import AureusStorage

@Suite("DeliveryBatchPlan")
struct DeliveryBatchPlanTests {
    static func item(_ source: Int64, _ event: String) -> NewDelivery {
        NewDelivery(sourceID: source, eventID: event, receivedAt: Timestamp(milliseconds: 0), rawBody: [], samples: [], notifications: [])
    }

    @Test("first occurrence per key is sent, sorted by key; later copies are duplicates")
    func plan() {
        let batch = [Self.item(2, "b"), Self.item(1, "z"), Self.item(2, "a"), Self.item(2, "b"), Self.item(1, "z"), Self.item(1, "a")]
        let plan = DeliveryBatchPlan(batch)
        #expect(plan.insertOrder == [5, 1, 2, 0])
        let stored: [DeliveryKey: Int64] = [
            DeliveryKey(sourceID: 2, eventID: "b"): 10, DeliveryKey(sourceID: 1, eventID: "z"): 11, DeliveryKey(sourceID: 1, eventID: "a"): 12,
        ]
        // (2, "a") was not returned by the insert: it existed before.
        #expect(plan.outcomes(storedIDs: stored) == [.stored(id: 10), .stored(id: 11), .duplicate, .duplicate, .duplicate, .stored(id: 12)])
    }

    @Test("keys compare bytes, so canonically equivalent ids stay distinct as in the databases")
    func byteWiseKeys() {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        #expect(DeliveryKey(sourceID: 1, eventID: composed) != DeliveryKey(sourceID: 1, eventID: decomposed))
        #expect(DeliveryBatchPlan([Self.item(1, composed), Self.item(1, decomposed)]).insertOrder.count == 2)
    }
}
