import AureusProtocol
import Foundation
import Testing

@testable import AureusTUI

/// The rates pane drawn by the whole `Screen` at three sizes and two themes, compared row by row.
@Suite struct RatesPaneRenderTests {
    static let themes = ["default", "high-contrast"]

    /// The focused rates pane's rows (frame included), cut from the full screen.
    static func paneRows(_ model: AppModel, theme: String) throws -> (rows: [String], canvas: Canvas, area: Rect) {
        let canvas = try Screen(model: model, theme: Fixtures.theme(theme)).render(size: model.size)
        let area = try #require(ScreenLayout(size: model.size, focus: model.focus, zoomed: model.zoomed).panes[.rates])
        let rows = (area.y..<area.maxY).map { String(canvas.row(at: $0).prefix(area.width)) }
        return (rows, canvas, area)
    }

    /// What a frame row looks like in `theme`: `inner` padded to the pane's inside width.
    typealias Glyphs = (tl: Character, tr: Character, bl: Character, br: Character, h: Character, v: Character)

    static func framed(_ inner: String, width: Int, _ glyphs: Glyphs) -> String {
        String(glyphs.v) + TextWidth.fit(inner, to: width - 2) + String(glyphs.v)
    }

    static func focusedModel(size: TerminalSize, snapshot: RatesSnapshot = RatesFixtures.snapshot()) throws -> AppModel {
        var model = try RatesFixtures.model(snapshot, size: size)
        _ = model.handle(.char("1"))
        return model
    }

    static let staircase = "⣠⣾"
    static let full: Character = "⣿"
    static let blank: Character = "\u{2800}"

    @Test(arguments: themes)
    func at80x24(theme: String) throws {
        let glyphs = try Fixtures.theme(theme).border.glyphs
        let (rows, canvas, area) = try Self.paneRows(Self.focusedModel(size: TerminalSize(width: 80, height: 24)), theme: theme)
        let h = String(glyphs.h)
        let expected = [
            String(glyphs.tl) + " 1 Rates " + String(repeating: h, count: 19) + " 3 series " + String(glyphs.tr),
            Self.framed("SOURCE   METRIC      ▼1s  TOTAL", width: 40, glyphs),
            Self.framed("oura-pr… heart_r… 1.2k/s   1.2M " + String(repeating: Self.full, count: 6), width: 40, glyphs),
            Self.framed("bridge-… steps      42/s    57k " + String(repeating: Self.staircase, count: 3), width: 40, glyphs),
            Self.framed("acc 1.3M  sto 1.2M  smp 5M │ rej 18", width: 40, glyphs),
            String(glyphs.bl) + String(repeating: h, count: 38) + String(glyphs.br),
        ]
        #expect(rows == expected)
        // The selected row is highlighted; the others draw the sparkline in the accent role.
        #expect(canvas[5, area.y + 2].style == Style(.selection, on: .selection))
        #expect(canvas[5, area.y + 3].style == Style(.text))
        #expect(canvas[33, area.y + 3].style.foreground == .accent)
        let sumX = rows[4].distance(of: "rej 18") + 4
        #expect(canvas[sumX, area.y + 4].style == Style(.error, [.bold]), "auth failures make the sum an error")
        #expect(canvas.row(at: 23).hasPrefix(" s sort  / filter  Enter details  Tab next pane"))
    }

    @Test(arguments: themes)
    func at120x40(theme: String) throws {
        let glyphs = try Fixtures.theme(theme).border.glyphs
        let (rows, _, _) = try Self.paneRows(Self.focusedModel(size: TerminalSize(width: 120, height: 40)), theme: theme)
        let expected = [
            Self.framed("SOURCE     METRIC        ▼1s    10s    60s  TOTAL LAST 16s", width: 60, glyphs),
            Self.framed("oura-prod  heart_rate 1.2k/s 1.2k/s  950/s   1.2M " + String(repeating: Self.full, count: 8), width: 60, glyphs),
            Self.framed("bridge-ios steps        42/s   40/s   39/s    57k " + String(repeating: Self.staircase, count: 4), width: 60, glyphs),
            Self.framed("terra      notificat…  0.5/s  0.3/s <0.1/s     2M " + String(repeating: Self.blank, count: 7) + "⢸", width: 60, glyphs),
            Self.framed("", width: 60, glyphs),
            Self.framed("", width: 60, glyphs),
            Self.framed("acc 1.3M  sto 1.2M  smp 5M", width: 60, glyphs),
            Self.framed("auth 3  dup 13  ovl 0  malf 2  big 0  unk 0", width: 60, glyphs),
        ]
        #expect(rows.count == 10)
        #expect(rows.first?.hasPrefix(String(glyphs.tl) + " 1 Rates ") == true && rows.first?.hasSuffix(" 3 series " + String(glyphs.tr)) == true)
        #expect(Array(rows[1...8]) == expected)
    }

    @Test(arguments: themes)
    func at200x60(theme: String) throws {
        let glyphs = try Fixtures.theme(theme).border.glyphs
        let (rows, canvas, area) = try Self.paneRows(Self.focusedModel(size: TerminalSize(width: 200, height: 60)), theme: theme)
        #expect(rows.count == 15)
        let sparkCells = 35
        #expect(rows[1] == Self.framed("SOURCE       KIND     METRIC          ▼1s    10s    60s  TOTAL LAST 70s", width: 100, glyphs))
        let oura = "oura-prod    oura     heart_rate   1.2k/s 1.2k/s  950/s   1.2M " + String(repeating: Self.full, count: sparkCells)
        #expect(rows[2] == Self.framed(oura, width: 100, glyphs))
        // 70 seconds of the staircase end on 40, so the first cell holds 30 and 40.
        let bridge = "bridge-ios   healthk… steps          42/s   40/s   39/s    57k " + String(repeating: "⣾⣠", count: 17) + "⣾"
        #expect(rows[3] == Self.framed(bridge, width: 100, glyphs))
        let terra = "terra        terra    notification  0.5/s  0.3/s <0.1/s     2M " + String(repeating: Self.blank, count: sparkCells - 1) + "⢸"
        #expect(rows[4] == Self.framed(terra, width: 100, glyphs))
        for row in rows[5...12] { #expect(row == Self.framed("", width: 100, glyphs)) }
        let footer = "acc 1.3M  sto 1.2M  smp 5M │ auth 3  dup 13  ovl 0  malf 2  big 0  unk 0"
        #expect(rows[13] == Self.framed(footer, width: 100, glyphs))
        // Rejections: errors and warnings in their roles when non-zero, dim when zero.
        let y = area.y + 13
        for (label, style) in [
            ("auth 3", Style(.error, [.bold])), ("dup 13", Style(.warn, [.bold])), ("ovl 0", Style(.dim)), ("malf 2", Style(.warn, [.bold])),
        ] {
            #expect(canvas[rows[13].distance(of: label) + label.count - 1, y].style == style, "\(label)")
        }
        #expect(canvas[rows[13].distance(of: "acc 1.3M") + 4, y].style == Style(.text))
        // Every sparkline cell is braille (U+2800–U+28FF), and the busy series shows dots.
        for row in rows[2...4] {
            let spark = row.dropFirst(1 + 63).prefix(sparkCells)
            #expect(spark.unicodeScalars.allSatisfy { (0x2800...0x28FF).contains($0.value) })
        }
        #expect(rows[2].unicodeScalars.filter { $0.value > 0x2800 && $0.value <= 0x28FF }.count == sparkCells)
    }

    @Test(arguments: themes)
    func emptyWaitingAndNoMatchStates(theme: String) throws {
        let glyphs = try Fixtures.theme(theme).border.glyphs
        let size = TerminalSize(width: 120, height: 40)
        var waiting = try Fixtures.connectedModel(events: 0, size: size)
        _ = waiting.handle(.char("1"))
        #expect(try Self.paneRows(waiting, theme: theme).rows.contains { $0.contains("Waiting for the server…") })
        var empty = try Self.focusedModel(size: size, snapshot: RatesFixtures.empty())
        var rows = try Self.paneRows(empty, theme: theme).rows
        #expect(rows[0].contains(" 0 series "))
        #expect(rows.contains { $0.contains("No webhook traffic yet") })
        #expect(rows[8].contains("auth 0  dup 0  ovl 0  malf 0  big 0  unk 0"), "the counters show even without traffic")
        _ = empty.handle(.enter)
        #expect(empty.rates.detail == nil)
        var filtered = try Self.focusedModel(size: size)
        _ = filtered.handle(.char("/"))
        for character in "zzz" { _ = filtered.handle(.char(character)) }
        let (filteredRows, canvas, area) = try Self.paneRows(filtered, theme: theme)
        rows = filteredRows
        #expect(rows[0].contains(" 0/3 match "))
        #expect(rows[1] == Self.framed("/zzz", width: 60, glyphs))
        #expect(rows.contains { $0.contains("No series match /zzz") })
        #expect(canvas.cursor?.x == area.x + 5 && canvas.cursor?.y == area.y + 1)
    }

    @Test func staleDetailAndZoom() throws {
        var model = try Self.focusedModel(size: TerminalSize(width: 80, height: 24))
        _ = model.handle(.char("z"))
        var (rows, canvas, area) = try Self.paneRows(model, theme: "default")
        #expect(rows[1] == "│SOURCE       KIND     METRIC          ▼1s    10s    60s  TOTAL LAST 30s       │")
        #expect(rows[20] == "│acc 1.3M  sto 1.2M  smp 5M │ auth 3  dup 13  ovl 0  malf 2  big 0  unk 0      │")
        _ = model.handle(.enter)
        (rows, canvas, area) = try Self.paneRows(model, theme: "default")
        #expect(rows[1] == "│oura-prod/heart_rate · oura  (Esc closes)                                     │")
        #expect(rows[2] == "│1s 1.2k/s  10s 1.2k/s  60s 950/s  total 1.2M                                  │")
        #expect(rows[3] == "│" + String(repeating: Self.full, count: 78) + "│")
        #expect(rows[4] == "│" + TextWidth.fit("USER" + String(repeating: " ", count: 21) + "       VALUE UNIT     TIME", to: 78) + "│")
        #expect(rows[5] == "│" + TextWidth.fit("u-3f9a1c" + String(repeating: " ", count: 17) + "          64 bpm      20:59:59", to: 78) + "│")
        #expect(rows[6] == "│" + TextWidth.fit("u-7c1e09" + String(repeating: " ", count: 17) + "        72.5 bpm      20:59:58", to: 78) + "│")
        model.apply(.connection(.disconnected(reason: "server closed")))
        (rows, canvas, area) = try Self.paneRows(model, theme: "default")
        #expect(rows[0].hasSuffix(" 3 series · stale ╮"))
        #expect(canvas[area.x + 1, area.y + 5].style.foreground == .stale)
        #expect(canvas.row(at: 0).contains("data stale"))
        _ = model.handle(.esc)
        (rows, canvas, area) = try Self.paneRows(model, theme: "default")
        #expect(canvas[area.x + 1, area.y + 2].style == Style(.selection, on: .selection), "the selection stays visible")
        #expect(canvas[area.x + 1, area.y + 3].style.foreground == .stale)
        #expect(canvas[area.x + 66, area.y + 3].style.foreground == .stale, "the sparkline too")
        #expect(canvas[area.x + rows[20].distance(of: "auth 3") + 5, area.y + 20].style.foreground == .stale, "and the counters")
    }
}
