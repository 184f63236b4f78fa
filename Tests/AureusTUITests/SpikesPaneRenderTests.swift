import AureusProtocol
import Testing

@testable import AureusTUI

/// The spikes pane drawn by the whole `Screen` into the cell grid. Zoomed at 80×24 the inside
/// is (1,2) 78×20: header y=2, footer y=21, gutter x=1–4, raster x=5–47 (43 cells = 86 dot
/// columns) × y=3–20 (72 channels), rate column x=49, snippet box x=51–78 × y=3–12.
@Suite struct SpikesPaneRenderTests {
    typealias F = SpikesFixtures

    @Test func headerRasterRatesAndFooter() throws {
        let canvas = try F.render(F.model())
        #expect(canvas.row(at: 1).hasPrefix("╭ 5 Spikes ─"))
        #expect(F.text(canvas, x: 1, y: 2, count: 59) == "stream synth-1 · 96 ch · 30.0 kHz · 82 spk/s · window 1.0 s")
        // ch 0 + ch 1 at sample 0: dots 1 and 2 of the first cell.
        #expect(canvas[5, 3].text == "⠃")
        // ch 3 at sample 29,999: dot column 85 (right half of cell 42), dot row 3 → dot 8.
        #expect(canvas[47, 3].text == "⢀")
        // ch 5 at sample 15,000: dot column 43 (right half of cell 21), second row, dot row 1 → dot 5.
        #expect(canvas[26, 4].text == "⠐")
        #expect(F.text(canvas, x: 6, y: 3, count: 20).allSatisfy { $0 == " " })
        // Gutter: the selected channel with the marker, every other row labelled.
        #expect(F.text(canvas, x: 1, y: 3, count: 4) == "▶ 0 ")
        #expect(F.text(canvas, x: 1, y: 4, count: 4) == "    ")
        #expect(F.text(canvas, x: 1, y: 5, count: 4) == "  8 ")
        #expect(canvas[1, 3].style == Style(.accent, [.bold]))
        #expect(canvas[5, 3].style.foreground == .accent, "the selected channel's row")
        #expect(canvas[26, 4].style.foreground == .text)
        // Rate column: the max of each row's 4 channels on the heat scale.
        #expect([3, 4, 5, 6].map { canvas[49, $0].text } == ["▃", "▇", "▅", " "])
        #expect([3, 4, 5].map { canvas[49, $0].style.foreground } == [.heatLow, .heatHigh, .heatMid])
        #expect(F.text(canvas, x: 1, y: 21, count: 56) == "▶ ch 0 · 2.0 Hz · ch 0–71 of 96 · rate = max of 4 ch/row")
        // ch 95 is below the view.
        #expect(!(3...20).contains { y in F.text(canvas, x: 5, y: y, count: 1) == "⡀" })
    }

    @Test func emptyStateSaysHowToStartASource() throws {
        let empty = try F.snapshot(sources: [], frame: nil)
        let narrow = try F.render(F.model(snapshot: empty)).rows
        #expect(narrow.contains { $0.contains("no neural source running — start one:") })
        #expect(narrow.contains { $0.contains(#"aureus call neural.sources.start '{"kind":"synthetic"}'"#) })
        let wide = try F.render(F.model(size: TerminalSize(width: 120, height: 30), snapshot: empty)).rows
        #expect(wide.contains { $0.contains(#"no neural source running — start one: aureus call neural.sources.start '{"kind":"synthetic"}'"#) })
    }

    @Test func waitsForTheServerBeforeTheFirstSnapshot() throws {
        var model = try Fixtures.connectedModel(events: 0)
        _ = model.handle(.char("5"))
        _ = model.handle(.char("z"))
        #expect(try F.render(model).rows.contains { $0.contains("Waiting for the server…") })
    }

    @Test func pauseFreezesTheViewAndSaysSo() throws {
        var model = try F.model()
        _ = model.handle(.char(" "))
        model.apply(.notification(topic: "spikes", data: try JSONValue(encoding: F.frame(from: 30_000, to: 31_500, spikes: [(2, 31_000)]))))
        let canvas = try F.render(model)
        #expect(F.text(canvas, x: 1, y: 2, count: 9) == "PAUSED · ")
        #expect(canvas.row(at: 1).contains(" PAUSED "))
        #expect(canvas[5, 3].text == "⠃", "the frozen window still ends at sample 30,000")
        #expect(model.spikes.windows[F.stream]?.endSample == 31_500, "frames keep being collected")
        _ = model.handle(.char("p"))
        let live = try F.render(model)
        #expect(F.text(live, x: 1, y: 2, count: 6) == "stream")
        #expect(live[5, 3].text != "⠃", "resumed: the window moved on by 1,500 samples")
    }

    @Test func zoomChangesTheWindow() throws {
        var model = try F.model()
        _ = model.handle(.char("-"))
        var canvas = try F.render(model)
        #expect(F.text(canvas, x: 1, y: 2, count: 59).hasSuffix("window 2.0 s"))
        // 2 s window ending at 30,000: sample 0 is at dot column 43 (right half of cell 21).
        #expect(canvas[26, 3].text == "⠘")
        #expect(canvas[5, 3].text == " ")
        _ = model.handle(.char("+"))
        _ = model.handle(.char("="))
        canvas = try F.render(model)
        #expect(F.text(canvas, x: 1, y: 2, count: 59).hasSuffix("window 0.5 s"))
        // 0.5 s: samples 15,000..<30,000, so ch 5 at 15,000 is in the first dot column.
        #expect(canvas[5, 4].text == "⠂")
        #expect(canvas[5, 3].text == " ", "sample 0 is outside the window")
    }

    @Test func scrollingMovesTheVisibleChannels() throws {
        var model = try F.model()
        _ = model.handle(.end)
        let canvas = try F.render(model)
        #expect(F.text(canvas, x: 1, y: 21, count: 40).hasPrefix("▶ ch 95 · 0.0 Hz · ch 24–95 of 96"))
        // ch 95 at sample 100 → dot column 0, last row, dot row 3 (dot 7).
        #expect(canvas[5, 20].text == "⡀")
        #expect(F.text(canvas, x: 1, y: 20, count: 4) == "▶95 ")
        #expect(F.text(canvas, x: 1, y: 3, count: 4) == " 24 ")
        _ = model.handle(.home)
        #expect(try F.render(model)[5, 3].text == "⠃")
    }

    @Test func snippetBoxPlotsTheSelectedChannel() throws {
        var model = try F.model()
        let answer = SpikesSnippets(
            stream: F.stream,
            channel: 0,
            sampleRate: 30_000,
            preSamples: 1,
            snippets: [SpikeSnippet(sample: 0, samples: [0, -100, 50, 0]), SpikeSnippet(sample: 900, samples: [0, -80, 30, 0])]
        )
        var canvas = try F.render(model)
        #expect(F.text(canvas, x: 51, y: 3, count: 9) == "╭ ch 0 ──")
        #expect(canvas.rows[4...10].contains { $0.contains("loading…") })
        model.apply(.rpcResult(method: "spikes.snippets", params: [:], result: try JSONValue(encoding: answer)))
        canvas = try F.render(model)
        #expect(F.text(canvas, x: 51, y: 3, count: 20) == "╭ ch 0 · 2 snippets ")
        #expect(canvas[78, 3].text == "╮" && canvas[51, 12].text == "╰")
        // Range −100…+50 µV over 7 plot rows (28 dots): 0 µV is dot row 9, so both snippets
        // start in cell row 2 (dot 2 left, dot 5 right) together with the zero line.
        #expect(canvas[52, 6].text == "⠒")
        #expect(F.text(canvas, x: 52, y: 11, count: 20).hasPrefix("-100…+50 µV · 0.1 ms"))
        let plotted = (4...10).flatMap { y in (52...77).map { canvas[$0, y].text } }.filter { $0 != " " }
        #expect(plotted.count > 26, "a line across the whole box")
        // An answer for another channel does not replace it.
        _ = model.handle(.down)
        canvas = try F.render(model)
        #expect(F.text(canvas, x: 51, y: 3, count: 9) == "╭ ch 1 ──")
    }

    @Test func smallGridCellShowsHeaderAndRaster() throws {
        let model = try F.model(zoomed: false)
        let area = try #require(ScreenLayout(size: model.size, focus: model.focus, zoomed: false).panes[.spikes])
        let canvas = try F.render(model)
        #expect(F.text(canvas, x: area.x + 1, y: area.y + 1, count: 20) == "stream synth-1 · 96 ")
        #expect(canvas[area.x + 5, area.y + 2].text == "⠃")
        #expect(!canvas.rows.contains { $0.contains("╭ ch 0") }, "no room for the snippet box")
    }
}
