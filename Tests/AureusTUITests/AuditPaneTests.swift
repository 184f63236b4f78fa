import AureusProtocol
import Testing

@testable import AureusTUI

@Suite struct AuditPaneTests {
    @Test func liveEventsArePrependedDeduplicatedAndCapped() throws {
        var pane = AuditPane()
        pane.receive(page: AuditTailResult(events: (1...3).reversed().map { Fixtures.event($0) }, nextCursor: nil), isOlderPage: false)
        pane.receive(live: Fixtures.event(4))
        pane.receive(live: Fixtures.event(4))
        pane.receive(live: Fixtures.event(2))
        #expect(pane.events.map(\.seq) == [4, 3, 2, 1])
        for seq in Int64(5)...Int64(AuditPane.capacity + 10) { pane.receive(live: Fixtures.event(seq)) }
        #expect(pane.events.count == AuditPane.capacity)
        #expect(pane.events.first?.seq == Int64(AuditPane.capacity + 10))
        #expect(pane.events.last?.seq == 11)
    }

    @Test func selectionFollowsTheTailOnlyAtTheTop() throws {
        var pane = AuditPane()
        pane.receive(page: AuditTailResult(events: (1...5).reversed().map { Fixtures.event($0) }, nextCursor: nil), isOlderPage: false)
        #expect(pane.selectedEvent?.seq == 5)
        pane.receive(live: Fixtures.event(6))
        #expect(pane.selectedEvent?.seq == 6, "at the top the newest row stays selected")
        _ = pane.perform(.scrollDown, pageSize: 10)
        _ = pane.perform(.scrollDown, pageSize: 10)
        #expect(pane.selectedEvent?.seq == 4)
        pane.receive(live: Fixtures.event(7))
        #expect(pane.selectedEvent?.seq == 4, "scrolled down, the selected row does not move under the reader")
    }

    @Test func detailLinesShowEveryFieldAndPrettySummary() {
        var event = Fixtures.event(9, actor: "eve\u{1B}[31m", target: "bob")
        event.summary = .object(["b": .array([.int(1), .string("x\u{1B}")]), "a": .object(["k": .null]), "e": .object([:])])
        let lines = AuditPane.detailLines(event)
        let labels = lines.map(\.label).filter { !$0.isEmpty }
        #expect(
            labels == ["seq", "time", "actor", "role", "action", "target", "outcome", "request", "client", "prev hash", "hash", "summary"]
        )
        #expect(lines.first { $0.label == "actor" }?.value == "eve")
        #expect(lines.first { $0.label == "time" }?.value == "2026-11-21T20:00:09.000Z")
        #expect(lines.first { $0.label == "hash" }?.value == String(repeating: "a", count: 63) + "9")
        let json = lines.filter { $0.label.isEmpty }.map(\.value)
        #expect(json == ["{", "  \"a\": {", "    \"k\": null", "  },", "  \"b\": [", "    1,", "    \"x\\u001b\"", "  ],", "  \"e\": {}", "}"])
    }
}
