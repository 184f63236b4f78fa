import AureusProtocol
import Testing

@testable import AureusTUI

/// The spikes pane's keys and RPCs through `AppModel.handle` / `apply`, as the host drives them.
@Suite struct SpikesPaneKeysTests {
    typealias F = SpikesFixtures

    static func snippets(channel: Int, stream: String = F.stream) -> AppEffect {
        .sendRPC(method: "spikes.snippets", params: ["stream": .string(stream), "channel": .int(Int64(channel)), "count": 8])
    }

    static func configure(_ budget: Int) -> AppEffect {
        .sendRPC(method: "spikes.configure", params: ["maxSpikesPerSecond": .int(Int64(budget))])
    }

    @Test func theSnapshotSetsTheBudgetFromTheRasterSize() throws {
        var model = try Fixtures.connectedModel(events: 0)
        _ = model.handle(.char("5"))
        _ = model.handle(.char("z"))
        let effects = model.apply(.rpcResult(method: "spikes.snapshot", params: ["seconds": 10.0], result: try F.snapshot()))
        // 86 dot columns × 96 channels × 2 / 1 s.
        #expect(effects == [Self.snippets(channel: 0), Self.configure(16_512)])
        #expect(RasterBudget.perSecond(dotColumns: 86, channelCount: 96, windowSeconds: 1) == 16_512)
        #expect(RasterBudget.perSecond(dotColumns: 400, channelCount: 1024, windowSeconds: 0.1) == 200_000, "clamped")
    }

    @Test func selectionZoomAndVisibilityDriveTheRequests() throws {
        var model = try F.model()
        #expect(model.handle(.char("j")) == [Self.snippets(channel: 1)])
        #expect(model.handle(.down) == [Self.snippets(channel: 2)])
        #expect(model.handle(.char("k")) == [Self.snippets(channel: 1)])
        #expect(model.handle(.pageDown) == [Self.snippets(channel: 73)])
        #expect(model.handle(.pageUp) == [Self.snippets(channel: 1)])
        #expect(model.handle(.char("-")) == [Self.configure(8_256)], "a 2 s window needs half the spikes")
        #expect(model.handle(.char("+")) == [Self.configure(16_512)])
        // Another pane zoomed hides the raster: rates only, then a backfill on the way back.
        #expect(model.handle(.char("3")) == [Self.configure(0)])
        let back = model.handle(.char("5"))
        #expect(back == [Self.configure(16_512), .sendRPC(method: "spikes.snapshot", params: ["seconds": 10.0, "stream": "synth-1"])])
    }

    @Test func tickRefreshesSnippetsOnlyWhileLiveAndVisible() throws {
        var model = try F.model()
        #expect(model.apply(.tick(Timestamp(milliseconds: 1_795_294_801_000))) == [Self.snippets(channel: 0)])
        _ = model.handle(.char(" "))
        #expect(model.spikes.isPaused)
        #expect(model.apply(.tick(Timestamp(milliseconds: 1_795_294_802_000))) == [])
        #expect(model.handle(.char(" ")) == [Self.snippets(channel: 0)], "resuming refreshes at once")
    }

    @Test func bracketsSwitchStreamsAndBackfill() throws {
        let two = try F.snapshot(sources: [F.source(), F.source("synth-2")])
        var model = try F.model(snapshot: two)
        #expect(model.spikes.streamIDs == ["synth-1", "synth-2"])
        let effects = model.handle(.char("]"))
        #expect(effects.first == .sendRPC(method: "spikes.snapshot", params: ["seconds": 10.0, "stream": "synth-2"]))
        #expect(effects.contains(Self.snippets(channel: 0, stream: "synth-2")))
        #expect(model.spikes.stream == "synth-2")
        #expect(model.spikes.note == "stream 2/2")
        _ = model.handle(.char("["))
        #expect(model.spikes.stream == "synth-1")
    }

    @Test func anUnknownStreamOnTheTopicIsAskedAboutOnce() throws {
        var model = try F.model()
        let frame = try JSONValue(encoding: F.frame("synth-9", from: 0, to: 1_500, spikes: [(1, 10)]))
        #expect(
            model.apply(.notification(topic: "spikes", data: frame)) == [
                .sendRPC(method: "spikes.snapshot", params: ["seconds": 10.0, "stream": "synth-9"])
            ]
        )
        #expect(model.apply(.notification(topic: "spikes", data: frame)) == [])
        #expect(model.spikes.windows["synth-9"]?.count == 2)
    }

    @Test func disconnectMarksStaleAndReconnectResendsTheBudget() throws {
        var model = try F.model()
        model.apply(.connection(.reconnecting(inSeconds: 2)))
        #expect(model.isStale(.spikes))
        let effects = model.apply(.connection(.connected(latencyMs: 5)))
        #expect(effects == AppModel.onConnectEffects + [Self.configure(16_512)])
        model.apply(.rpcError(method: "spikes.snippets", message: "unknown stream"))
        #expect(model.message == nil, "snippet errors stay in the box, they repeat every second")
        #expect(model.spikes.snippetError == "unknown stream")
    }

    @Test func keysOnlyBindWhileTheSpikesPaneHasFocus() {
        let map = KeyMap.standard
        #expect(map.binding(for: .char("+"), in: [.spikes, .global])?.command == .zoomIn)
        #expect(map.binding(for: .char("="), in: [.spikes, .global])?.command == .zoomIn)
        #expect(map.binding(for: .char("-"), in: [.spikes, .global])?.command == .zoomOut)
        #expect(map.binding(for: .char(" "), in: [.spikes, .global])?.command == .togglePause)
        #expect(map.binding(for: .char("]"), in: [.spikes, .global])?.command == .nextStream)
        #expect(map.binding(for: .char("+"), in: [.list, .global]) == nil)
        #expect(map.binding(for: .char("z"), in: [.spikes, .global])?.command == .zoom, "pane zoom still works")
        #expect(map.helpBarText(contexts: [.spikes, .global], width: 200).hasPrefix("↑/↓ channel  +/- time zoom  Space pause  [/] stream  Tab"))
        #expect(map.helpLines().contains("Spikes pane (raster: channels × time)"))
    }

    @Test func scalesAndLabels() {
        #expect([0, 0.5, 1, 2, 3.9, 8, 31, 63.9, 64, 500].map { HeatScale.glyph(Float($0)) } == [" ", "▁", "▂", "▃", "▃", "▅", "▆", "▇", "█", "█"])
        #expect(RasterZoom.seconds.map(RasterZoom.label) == ["0.1 s", "0.25 s", "0.5 s", "1.0 s", "2.0 s", "5.0 s", "10 s"])
        #expect(SpikesPane.rateLabel(30_000) == "30.0 kHz" && SpikesPane.rateLabel(500) == "500 Hz")
    }
}
