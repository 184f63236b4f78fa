import AureusProtocol
import Testing

@testable import AureusTUI

@Suite struct RatesPaneTests {
    static func at(_ seconds: Int64, plusMs: Int64 = 0) -> Timestamp { Timestamp(milliseconds: seconds * 1000 + plusMs) }

    @Test func historySeedsFromTheServerThenGrowsOnePointPerSecond() {
        var history = RateHistory()
        history.record(RatesFixtures.series("s", "k", "m", rates: (9, 0, 0), total: 0, history: [1, 2, 3]), at: Self.at(100, plusMs: 250))
        #expect(history.points == [1, 2, 3])
        #expect(history.lastSecond == 99, "history covers complete seconds, up to the one before the snapshot's")
        let live = { (rate: Double) in RatesFixtures.series("s", "k", "m", rates: (rate, 0, 0), total: 0) }
        history.record(live(5), at: Self.at(100, plusMs: 750))
        #expect(history.points == [1, 2, 5], "a second snapshot in the same second replaces that second's point")
        history.record(live(6), at: Self.at(101))
        history.record(live(7), at: Self.at(104, plusMs: 10))
        #expect(history.points == [1, 2, 5, 6, 0, 0, 7], "seconds without a snapshot are zero")
        // History from a reconnect covers seconds 102...105: it replaces 102 and 103, older points stay.
        history.record(RatesFixtures.series("s", "k", "m", rates: (0, 0, 0), total: 0, history: [8, 8, 9, 9]), at: Self.at(106))
        #expect(history.points == [1, 2, 5, 6, 0, 8, 8, 9, 9])
        #expect(history.lastSecond == 105)
        // A gap longer than what is kept, or a clock running backwards, starts over.
        history.record(live(4), at: Self.at(106 + Int64(RateHistory.capacity) + 1))
        #expect(history.points == [4])
        history.record(live(3), at: Self.at(50))
        #expect(history.points == [3] && history.lastSecond == 49)
        #expect(history.suffix(4) == [nil, nil, nil, 3])
        #expect(history.suffix(0).isEmpty)
    }

    @Test func historyIsCappedAndKeepsTheNewestPoints() {
        var history = RateHistory(capacity: 5)
        for second in Int64(1)...12 { history.record(rate: Double(second), at: second) }
        #expect(history.points == [8, 9, 10, 11, 12])
        history.merge((1...9).map(Double.init), endingAt: 20)
        #expect(history.points == [5, 6, 7, 8, 9], "seeding longer than the capacity keeps the newest")
        history.record(rate: .nan, at: 21)
        history.record(rate: -3, at: 22)
        #expect(history.points.suffix(2) == [0, 0], "NaN and negative rates count as zero")
    }

    @Test func paneHistoryGrowsPastTheServersToTheCap() throws {
        var pane = RatesPane()
        let start = RatesFixtures.time.milliseconds / 1000
        pane.receive(RatesFixtures.snapshot())
        let key = RateSeriesKey(source: "oura-prod", kind: "oura", metric: "heart_rate")
        #expect(pane.histories[key]?.points.count == 300)
        #expect(pane.histories[RateSeriesKey(source: "terra", kind: "terra", metric: "notification")]?.points == [0.5])
        // Live notifications carry no history: four a second add one point per second.
        let live = [RatesFixtures.series("oura-prod", "oura", "heart_rate", rates: (10, 10, 10), total: 5)]
        for tick in Int64(1)...(4 * 350) {
            pane.receive(RatesFixtures.snapshot(at: Self.at(start, plusMs: tick * 250), series: live))
        }
        #expect(pane.histories[key]?.points.count == RateHistory.capacity)
        #expect(pane.histories[key]?.points.last == 10)
        #expect(pane.histories.count == 1, "series the server no longer reports are dropped")
    }

    @Test func sortCyclesRateNameTotalAndTheSelectionFollowsItsSeries() throws {
        var model = try RatesFixtures.model()
        _ = model.handle(.char("1"))
        func sources() -> [String] { model.rates.visibleSeries.map(\.source) }
        #expect(model.rates.sort == .rate)
        #expect(sources() == ["oura-prod", "bridge-ios", "terra"])
        _ = model.handle(.char("j"))
        #expect(model.rates.selectedSeries?.source == "bridge-ios")
        _ = model.handle(.char("s"))
        #expect(model.rates.sort == .name)
        #expect(sources() == ["bridge-ios", "oura-prod", "terra"])
        #expect(model.rates.selectedSeries?.source == "bridge-ios" && model.rates.selected == 0)
        _ = model.handle(.char("s"))
        #expect(model.rates.sort == .total)
        #expect(sources() == ["terra", "oura-prod", "bridge-ios"])
        #expect(model.rates.selected == 2)
        // Make terra the busiest: under the rate sort it moves to the top and stays selected.
        _ = model.handle(.char("s"))
        #expect(model.rates.sort == .rate)
        _ = model.handle(.char("G"))
        #expect(model.rates.selectedSeries?.source == "terra")
        var snapshot = RatesFixtures.snapshot()
        snapshot.series[1].perSecond1s = 5000
        model.apply(.notification(topic: "rates", data: try JSONValue(encoding: snapshot)))
        #expect(sources() == ["terra", "oura-prod", "bridge-ios"])
        #expect(model.rates.selected == 0 && model.rates.selectedSeries?.source == "terra")
        #expect(RatesSort.allCases.map(\.next) == [.name, .total, .rate])
    }

    @Test func filterMatchesSourceKindAndMetricAndEscClears() throws {
        var model = try RatesFixtures.model()
        _ = model.handle(.char("1"))
        _ = model.handle(.char("/"))
        #expect(model.rates.isEditingText)
        for character in "STEP" { _ = model.handle(.char(character)) }
        #expect(model.rates.visibleSeries.map(\.metric) == ["steps"])
        #expect(model.rates.note == "1/3 match")
        _ = model.handle(.char("s"))
        #expect(model.rates.filter == "STEPs" && model.rates.sort == .rate, "s is typed into the filter, not a sort")
        _ = model.handle(.enter)
        #expect(!model.rates.isEditingText)
        _ = model.handle(.esc)
        #expect(model.rates.filter == "" && model.rates.visibleSeries.count == 3)
        _ = model.run(command: "filter prod/heart")
        #expect(model.focus == .rates, ":filter stays on the focused rates pane")
        #expect(model.rates.visibleSeries.map(\.source) == ["oura-prod"])
        _ = model.run(command: "filter healthkit")
        #expect(model.rates.visibleSeries.map(\.source) == ["bridge-ios"], "the kind matches too")
        _ = model.run(command: "filter nothing-like-it")
        #expect(model.rates.visibleSeries.isEmpty && model.rates.selectedSeries == nil)
        #expect(model.handle(.enter).isEmpty && model.rates.detail == nil, "Enter on an empty list opens nothing")
        #expect(model.audit.filter == "", "the audit filter is untouched")
    }

    @Test func selectionScrollingAndDetailStayInBounds() throws {
        let many = (0..<30).map { index in
            RatesFixtures.series("src\(index)", "standard", "m", rates: (Double(100 - index), 1, 1), total: Int64(index))
        }
        var model = try RatesFixtures.model(RatesFixtures.snapshot(series: many))
        _ = model.handle(.char("1"))
        _ = model.handle(.char("k"))
        #expect(model.rates.selected == 0)
        _ = model.handle(.pageDown)
        let page = model.rates.pageSize(for: ScreenLayout(size: model.size, focus: .rates, zoomed: false).panes[.rates]!)
        #expect(page == 2, "80×24: 4 inside rows minus the header and the footer")
        #expect(model.rates.selected == page)
        _ = model.handle(.char("G"))
        #expect(model.rates.selected == 29)
        _ = model.handle(.down)
        _ = model.handle(.pageDown)
        #expect(model.rates.selected == 29)
        _ = model.handle(.pageUp)
        #expect(model.rates.selected == 29 - page)
        _ = model.handle(.home)
        #expect(model.rates.selectedSeries?.source == "src0")
        _ = model.handle(.enter)
        #expect(model.rates.detail?.key == RateSeriesKey(source: "src0", kind: "standard", metric: "m"))
        #expect(model.keyContexts == [.detail, .global])
        _ = model.handle(.char("j"))
        #expect(model.rates.detail?.scroll == 0, "no values for this series: nothing to scroll")
        _ = model.handle(.enter)
        #expect(model.rates.detail == nil, "Enter toggles the detail view")
        #expect(model.keyContexts == [.rates, .list, .global])
        var detailModel = try RatesFixtures.model()
        _ = detailModel.handle(.char("1"))
        _ = detailModel.handle(.enter)
        #expect(detailModel.rates.latestValues(for: detailModel.rates.detail!.key).map(\.user) == ["u-3f9a1c", "u-7c1e09"])
        for _ in 0..<5 { _ = detailModel.handle(.char("j")) }
        #expect(detailModel.rates.detail?.scroll == 1)
        _ = detailModel.handle(.esc)
        #expect(detailModel.rates.detail == nil)
    }

    @Test func disconnectMarksOnlyLoadedPanesStaleUntilFreshSnapshots() throws {
        var model = try RatesFixtures.model()
        #expect(!model.isStale)
        model.apply(.connection(.reconnecting(inSeconds: 2)))
        #expect(model.isStale(.rates) && model.isStale)
        #expect(!model.isStale(.audit), "no audit page was loaded, nothing to mark")
        let effects = model.apply(.connection(.connected(latencyMs: 9)))
        #expect(effects == AppModel.onConnectEffects)
        #expect(model.isStale(.rates), "stale until fresh data arrives")
        model.apply(.notification(topic: "rates", data: try JSONValue(encoding: RatesFixtures.snapshot())))
        #expect(!model.isStale(.rates) && !model.isStale)
    }

    @Test func onConnectFetchesSnapshotsAndSubscribesToTheLiveTopics() {
        let effects = AppModel.onConnectEffects
        #expect(effects.contains(.sendRPC(method: "rates.snapshot", params: .object([:]))))
        #expect(effects.contains(.sendRPC(method: "approvals.list", params: ["status": "pending", "limit": 1000])))
        #expect(effects.contains(.sendRPC(method: "spikes.snapshot", params: ["seconds": 10.0])))
        #expect(
            effects.last
                == .sendRPC(method: "subscribe", params: .object(["topics": ["audit", "rates", "approvals", "gpu", "ollama", "spikes", "status"]]))
        )
        #expect(effects.contains(.sendRPC(method: "server.status", params: .object([:]))))
        #expect(effects.count == 8)
    }

    /// The wire form, written out by hand so a renamed field in the DTO fails here.
    static let wireSnapshot = """
        {"time": "2026-11-21T21:00:00.000Z",
         "series": [{"source": "oura-prod", "kind": "oura", "metric": "heart_rate", "perSecond1s": 1234, "perSecond10s": 1180.5,
                     "perSecond60s": 950, "total": 1234567, "history": [1, 2, 3]}],
         "latest": [{"source": "oura-prod", "metric": "heart_rate", "user": "u-3f9a1c", "value": 64, "unit": "bpm",
                     "time": "2026-11-21T20:59:59.200Z"}],
         "totals": {"accepted": 10, "stored": 9, "samples": 30},
         "rejections": {"authFailures": 1, "duplicates": 2, "overload": 3, "malformed": 4, "tooLarge": 5, "unknownSource": 6}}
        """

    @Test func notificationsAndTheSnapshotResultDecodeFromWireJSON() throws {
        let data = try JSONParser.parse(Self.wireSnapshot)
        var model = try Fixtures.connectedModel(events: 0)
        #expect(model.apply(.notification(topic: "rates", data: data)).isEmpty)
        let snapshot = try #require(model.rates.snapshot)
        #expect(snapshot.time == RatesFixtures.time)
        #expect(snapshot.series.map(\.perSecond10s) == [1180.5])
        #expect(snapshot.latest.first?.time == RatesFixtures.time.adding(milliseconds: -800))
        #expect(snapshot.totals == IngestTotals(accepted: 10, stored: 9, samples: 30))
        let rejections = RejectionCounters(authFailures: 1, duplicates: 2, overload: 3, malformed: 4, tooLarge: 5, unknownSource: 6)
        #expect(snapshot.rejections == rejections)
        #expect(model.rates.histories[RateSeriesKey(snapshot.series[0])]?.points == [1, 2, 3])

        var fetched = try Fixtures.connectedModel(events: 0)
        fetched.apply(.rpcResult(method: "rates.snapshot", params: .object([:]), result: data))
        #expect(fetched.rates.snapshot == snapshot)
        #expect(fetched.message == nil)

        // Garbage keeps what was there and says so; other topics are ignored.
        fetched.apply(.notification(topic: "rates", data: .object(["time": .string("soon")])))
        #expect(fetched.rates.snapshot == snapshot)
        #expect(fetched.message == StatusMessage("could not read the rates snapshot from the server", isError: true))
        fetched.apply(.notification(topic: "gpu", data: .null))
        fetched.apply(.rpcResult(method: "rates.snapshot", params: .object([:]), result: .array([])))
        #expect(fetched.rates.snapshot == snapshot)
    }

    @Test func rateTextsAreShortAndRounded() {
        let cases: [(Double, String)] = [
            (0, "0/s"), (0.02, "<0.1/s"), (0.5, "0.5/s"), (3, "3/s"), (9.96, "10/s"), (42, "42/s"), (999.4, "999/s"),
            (999.7, "1k/s"), (1234, "1.2k/s"), (56_789, "57k/s"), (999_700, "1M/s"), (2.5e9, "2.5G/s"), (.nan, "0/s"), (-4, "0/s"),
        ]
        for (value, text) in cases { #expect(RateFormat.rate(value) == text, "\(value)") }
        #expect(RateFormat.count(1_291_373) == "1.3M")
        #expect(RateFormat.value(72.5) == "72.5")
        #expect(RateFormat.value(0.125) == "0.13")
        #expect(RateFormat.value(8042) == "8042")
        #expect(RateFormat.value(-1.05) == "-1.05")
    }
}
