import AureusProtocol
import Foundation
import Testing

@testable import AureusTUI

@Suite struct ScreenRenderTests {
    /// A model with 12 loaded events plus one live event whose actor is CJK and whose target
    /// carries an escape sequence.
    static func model(size: TerminalSize = TerminalSize(width: 80, height: 24)) throws -> AppModel {
        var model = try Fixtures.connectedModel(events: 12, size: size)
        let hostile = Fixtures.event(13, actor: "日本語ユーザー", action: "users.create", target: "bob\u{1B}[2J", outcome: "denied")
        model.apply(.notification(topic: "audit", data: try JSONValue(encoding: hostile)))
        return model
    }

    static func render(_ model: AppModel, theme: String = "default") throws -> Canvas {
        try Screen(model: model, theme: Fixtures.theme(theme)).render(size: model.size)
    }

    @Test func fullScreenAt80x24() throws {
        let canvas = try Self.render(Self.model())
        let expected = [
            " aureus │ ws://127.0.0.1:7400 │ alice (admin)       ● connected 12 ms  21:00:00 ",
            "╭ 1 Rates ─────────────────────────────╮╭ 2 Approvals ─────────────────────────╮",
            "│                                      ││RISK   TTL     QUORUM TYPE      BY   …│",
            "│       Waiting for the server…        ││                                      │",
            "│                                      ││       Waiting for the server…        │",
            "│                                      ││                                      │",
            "╰──────────────────────────────────────╯╰──────────────────────────────────────╯",
            "╭ 3 Audit ────────────────────────────────────────────────────────── 13 events ╮",
            "│   SEQ TIME     ACTOR      ACTION           OUTCOME    TARGET                 │",
            "│    13 20:00:13 日本語ユ…  users.create     denied     bob                    │",
            "│    12 20:00:12 alice      auth.login       ok                                │",
            "│    11 20:00:11 alice      auth.login       ok                                │",
            "│    10 20:00:10 alice      auth.login       ok                                │",
            "│     9 20:00:09 alice      auth.login       ok                                │",
            "│     8 20:00:08 alice      auth.login       ok                                │",
            "│     7 20:00:07 alice      auth.login       ok                                │",
            "│     6 20:00:06 alice      auth.login       ok                                │",
            "╰──────────────────────────────────────────────────────────────────────────────╯",
            "╭ 4 GPU ───────────────────────────────╮╭ 5 Spikes ────────────────────────────╮",
            "│                                      ││                                      │",
            "│       Waiting for the server…        ││       Waiting for the server…        │",
            "│                                      ││                                      │",
            "╰──────────────────────────────────────╯╰──────────────────────────────────────╯",
            " / filter  Enter details  Tab next pane  1-5 jump to pane  z zoom  ? help       ",
        ]
        #expect(canvas.rows.count == expected.count)
        for (index, row) in canvas.rows.enumerated() { #expect(row == expected[index], "row \(index)") }
        // Every row is exactly 80 columns wide, wide characters included.
        for y in 0..<24 { #expect((0..<80).map { canvas[$0, y].width }.reduce(0, +) == 80) }
    }

    @Test func stylesCarryMeaning() throws {
        let canvas = try Self.render(Self.model())
        #expect(canvas[0, 0].style.background == .statusBar)
        let connectionX = canvas.row(at: 0).distance(of: "●")
        #expect(canvas[connectionX, 0].style.foreground == .ok)
        #expect(canvas[5, 9].style == Style(.selection, on: .selection), "the focused pane highlights the selected row")
        #expect(canvas[0, 7].style.foreground == .focusBorder)
        #expect(canvas[0, 1].style.foreground == .border)
        let outcomeX = canvas.row(at: 10).distance(of: "ok")
        #expect(canvas[outcomeX, 10].style.foreground == .ok)
        #expect(canvas[1, 23].style.foreground == .helpKey)
    }

    @Test func largerSizesKeepEveryPaneAndFillTheWidth() throws {
        for (width, height, theme) in [(120, 40, "light"), (200, 60, "high-contrast"), (80, 24, "monochrome")] {
            let size = TerminalSize(width: width, height: height)
            let canvas = try Self.render(Self.model(size: size), theme: theme)
            let rows = canvas.rows
            #expect(rows[0].hasPrefix(" aureus │ ws://127.0.0.1:7400 │ alice (admin) "))
            #expect(rows[0].hasSuffix("● connected 12 ms  21:00:00 "))
            for id in PaneID.allCases { #expect(rows.contains { $0.contains(" \(id.rawValue) \(id.title) ") }, "\(id) at \(size)") }
            let waiting = rows.map { $0.components(separatedBy: "Waiting for the server…").count - 1 }.reduce(0, +)
            #expect(waiting == 4, "rates, approvals, gpu and spikes before their snapshots")
            #expect(rows.contains { $0.contains("Waiting for the server…") }, "the rates pane before its first snapshot")
            #expect(rows.contains { $0.contains("日本語ユーザー") } == (width >= 100))
            #expect(rows.contains { $0.contains("   13 20:00:13 ") })
            #expect(rows.last?.hasPrefix(" / filter  Enter details  Tab next pane") == true)
            let corner: Character = theme == "high-contrast" ? "┏" : theme == "monochrome" || theme == "light" ? "┌" : "╭"
            #expect(rows[1].first == corner, "\(theme) border")
        }
    }

    @Test(arguments: [(40, 10), (79, 24), (80, 23), (1, 1)])
    func tooSmallTerminalSaysWhatItNeeds(width: Int, height: Int) throws {
        let canvas = try Self.render(Self.model(size: TerminalSize(width: width, height: height)))
        let text = "need 80×24, have \(width)×\(height)"
        if width >= TextWidth.width(of: text) {
            #expect(canvas.trimmedRows.contains { $0.trimmingSpaces == text })
        } else {
            #expect(canvas.rows.count == height)
        }
        #expect(!canvas.rows.contains { $0.contains("Audit") })
    }

    @Test func zoomGivesTheFocusedPaneTheWholeBody() throws {
        var model = try Self.model()
        _ = model.handle(.char("z"))
        let rows = try Self.render(model).rows
        #expect(rows[1].hasPrefix("╭ 3 Audit ─"))
        #expect(rows[22].hasPrefix("╰────"))
        #expect(!rows.contains { $0.contains(" 5 Spikes ") })
        #expect(rows.filter { $0.contains(" alice      auth.login") }.count == 12)
        _ = model.handle(.char("1"))
        let rates = try Self.render(model).rows
        #expect(rates[1].hasPrefix("╭ 1 Rates ─"))
        #expect(rates[11].contains("Waiting for the server…"))
    }

    @Test func disconnectKeepsDataMarkedStale() throws {
        var model = try Self.model()
        model.apply(.connection(.reconnecting(inSeconds: 4)))
        #expect(model.isStale)
        let canvas = try Self.render(model)
        #expect(canvas.row(at: 0).hasSuffix("◌ reconnecting in 4s · data stale  21:00:00 "))
        #expect(canvas.row(at: 7).hasSuffix(" 13 events · stale ╮"))
        #expect(canvas.row(at: 10).contains("    12 20:00:12 alice"))
        #expect(canvas[5, 10].style.foreground == .stale)
        let effects = model.apply(.connection(.connected(latencyMs: 30)))
        #expect(effects == AppModel.onConnectEffects)
        #expect(model.isStale, "stale until the fresh page arrives")
        model.apply(.rpcResult(method: "audit.tail", params: .object(["limit": .int(200)]), result: try Fixtures.page(1...14)))
        #expect(!model.isStale)
        #expect(model.audit.events.count == 14)
        model.apply(.connection(.disconnected(reason: "server closed\u{1B}[31m")))
        #expect(try Self.render(model).row(at: 0).contains("✕ disconnected: server closed · data stale"))
    }

    @Test func commandLineFilterDetailAndConfirmOverlays() throws {
        var model = try Self.model()
        _ = model.handle(.char(":"))
        for character in "theme li" { _ = model.handle(.char(character)) }
        var canvas = try Self.render(model)
        #expect(canvas.trimmedRows[23] == ":theme li")
        #expect(canvas.cursor?.x == 9 && canvas.cursor?.y == 23)
        _ = model.handle(.esc)
        _ = model.handle(.char("/"))
        for character in "create" { _ = model.handle(.char(character)) }
        canvas = try Self.render(model)
        #expect(canvas.row(at: 7).contains(" 1/13 match "))
        #expect(canvas.trimmedRows[8] == "│/create                                                                       │")
        #expect(canvas.row(at: 10).contains("    13 20:00:13 日本語ユ…  users.create"))
        #expect(canvas.trimmedRows[11] == "│                                                                              │")
        #expect(canvas.cursor?.x == 8 && canvas.cursor?.y == 8)
        for _ in 0..<6 { _ = model.handle(.backspace) }
        _ = model.handle(.char("q"))
        for character in "nomatch" { _ = model.handle(.char(character)) }
        #expect(try Self.render(model).rows.contains { $0.contains("No events match /qnomatch") })
        _ = model.handle(.esc)
        _ = model.handle(.enter)
        canvas = try Self.render(model)
        #expect(canvas.row(at: 8).contains("Event #13  (Esc closes)"))
        #expect(canvas.row(at: 12).contains("role       admin"))
        #expect(canvas.row(at: 14).contains("target     bob "))
        #expect(canvas.trimmedRows[23].hasPrefix(" Esc close  Tab next pane"))
        _ = model.handle(.ctrl("c"))
        canvas = try Self.render(model)
        #expect(canvas.rows.contains { $0.contains("│  Quit aureus? y/n  │") })
    }

    @Test func messagesReplaceTheHelpBar() throws {
        var model = try Self.model()
        _ = model.run(command: "frobnicate")
        let canvas = try Self.render(model)
        #expect(canvas.trimmedRows[23] == " unknown command ':frobnicate' (try :help)")
        #expect(canvas[1, 23].style.foreground == .error)
    }

    @Test func waitingAndEmptyAuditStates() throws {
        var model = AppModel(serverAddress: "ws://h:1", size: TerminalSize(width: 80, height: 24))
        var rows = try Self.render(model).rows
        #expect(rows[0].contains(" not logged in "))
        #expect(rows[0].contains("◌ connecting"))
        #expect(rows.contains { $0.contains("Waiting for the server…") })
        model.apply(.rpcResult(method: "audit.tail", params: .null, result: try JSONValue(encoding: AuditTailResult(events: [], nextCursor: nil))))
        rows = try Self.render(model).rows
        #expect(rows.contains { $0.contains("No audit events yet") })
    }

    @Test func layoutIsSoundAtEverySize() {
        for width in stride(from: 80, through: 240, by: 7) {
            for height in stride(from: 24, through: 80, by: 5) {
                let layout = ScreenLayout(size: TerminalSize(width: width, height: height), focus: .audit, zoomed: false)
                let areas = Array(layout.panes.values)
                #expect(areas.count == 5)
                #expect(areas.map { $0.width * $0.height }.reduce(0, +) == layout.body.width * layout.body.height)
                for (i, a) in areas.enumerated() {
                    #expect(a.intersection(layout.body) == a && a.height >= 4)
                    for b in areas[(i + 1)...] { #expect(a.intersection(b).isEmpty) }
                }
            }
        }
    }
}
