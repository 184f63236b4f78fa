import AureusCore
import AureusProtocol
import Testing

@testable import AureusTUI

/// The REPL as a mode of the app: opened with F2 or `:repl`, drawn full screen, left with Esc.
@Suite struct ReplScreenTests {
    typealias F = ReplFixtures

    static func typeKeys(_ text: String, into model: inout AppModel) -> [AppEffect] {
        var effects: [AppEffect] = []
        for character in text { effects += model.handle(character == "\n" ? .enter : .char(character)) }
        return effects
    }

    @Test func f2OpensTheReplAndEscComesBackKeepingItsState() throws {
        var model = try Fixtures.connectedModel()
        #expect(model.handle(.function(2)) == [.repl(.listDatasets)])
        #expect(model.mode == .repl)
        #expect(model.keyContexts == [.repl])
        #expect(Self.typeKeys("q1?", into: &model).isEmpty, "q, digits and ? are typed, not commands")
        #expect(model.mode == .repl && model.repl.input.text == "q1?")
        #expect(model.handle(.ctrl("c")).isEmpty)
        #expect(model.overlay == nil, "Ctrl-C in the REPL clears the input; it does not offer to quit")
        _ = Self.typeKeys("select 1", into: &model)
        _ = model.handle(.esc)
        #expect(model.mode == .dashboard)
        #expect(model.run(command: "repl").isEmpty, "the dataset list is loaded once")
        #expect(model.mode == .repl && model.repl.input.text == "select 1")
        _ = model.handle(.function(2))
        #expect(model.mode == .dashboard)
    }

    @Test func standaloneReplQuitsOnLeavingAndSkipsTheDashboardData() {
        var model = AppModel(serverAddress: "ws://127.0.0.1:7400", replOnly: true)
        #expect(model.mode == .repl)
        #expect(model.apply(.connection(.connected(latencyMs: 3))) == [.repl(.listDatasets)])
        #expect(model.handle(.esc) == [.quit])
        var typed = AppModel(serverAddress: "ws://127.0.0.1:7400", replOnly: true)
        let effects = Self.typeKeys("\\q\n", into: &typed)
        #expect(effects.last == .quit)
        #expect(effects.contains(.repl(.saveHistory(["\\q"]))))
    }

    @Test func drawsResultInputAndKeyHintsAt80x24() throws {
        var model = try Fixtures.connectedModel()
        _ = model.handle(.function(2))
        _ = model.apply(.repl(.datasets(F.catalog)))
        let run = Self.typeKeys("select id, name\nfrom users;\n", into: &model)
        #expect(
            run.contains {
                guard case .repl(.run(1, let params)) = $0 else { return false }
                return params.sql == "select id, name\nfrom users;" && params.pageSize == 500 && params.queryID != nil
            }
        )
        _ = model.apply(.repl(.page(id: 1, F.page(0..<500), roundTripMilliseconds: 15.2)))
        _ = Self.typeKeys("select", into: &model)
        let canvas = try Screen(model: model, theme: Fixtures.theme("default")).render(size: model.size)
        let rows = canvas.trimmedRows
        #expect(rows[0].hasPrefix(" aureus │ ws://127.0.0.1:7400 │ alice (admin)"))
        #expect(rows[1] == "╭ SQL " + String(repeating: "─", count: 73) + "╮")
        #expect(rows[2] == "│ id │ name" + String(repeating: " ", count: 68) + "│")
        #expect(rows[3] == "│────┼─────────" + String(repeating: " ", count: 64) + "│")
        #expect(rows[4].hasPrefix("│  1 │ user-1 "))
        #expect(rows[19].hasPrefix("│ 16 │ user-16 "))
        #expect(rows[20].hasPrefix("│rows 1–16 of 500+ (more) · 12.3 ms server · 15.2 ms total · evidence ev-42"))
        #expect(rows[22] == "aureus=> select")
        #expect(canvas.cursor?.x == 15 && canvas.cursor?.y == 22)
        #expect(rows[23].hasPrefix(" Enter run (SQL ends with ;)  Tab complete  ^R search history"))

        _ = model.handle(.backTab)
        let scrolled = try Screen(model: model, theme: Fixtures.theme("default")).render(size: model.size)
        #expect(scrolled.cursor == nil, "no text cursor while the result has the keys")
        #expect(scrolled.trimmedRows[23].hasPrefix(" h/l columns  PgDn/PgUp page  G/End last row"))
        _ = model.handle(.char("x"))
        let expanded = try Screen(model: model, theme: Fixtures.theme("default")).render(size: model.size).trimmedRows
        #expect(expanded[2].hasPrefix("│-[ RECORD 1 ]---"))
        #expect(expanded[3].hasPrefix("│id   │ 1"))
    }

    @Test func multiLineInputShowsContinuationPromptsAndTooSmallSaysSo() throws {
        var model = AppModel(serverAddress: "ws://x", size: TerminalSize(width: 60, height: 20), replOnly: true)
        _ = Self.typeKeys("select\n  1\n", into: &model)
        let rows = try Screen(model: model, theme: Fixtures.theme("default")).render(size: model.size).trimmedRows
        #expect(rows[16...18] == ["aureus=> select", "aureus->   1", "aureus->"])
        _ = model.apply(.resize(TerminalSize(width: 30, height: 8)))
        let small = try Screen(model: model, theme: Fixtures.theme("default")).render(size: TerminalSize(width: 30, height: 8))
        #expect(small.rows.contains { $0.contains("need 40×10, have 30×8") })
    }

    @Test func helpPanelWrapsAndScrollsToItsLastLine() throws {
        var model = AppModel(serverAddress: "ws://x", size: TerminalSize(width: 60, height: 16), replOnly: true)
        _ = Self.typeKeys("\\?\n", into: &model)
        let first = try Screen(model: model, theme: Fixtures.theme("default")).render(size: model.size).trimmedRows
        #expect(first[1].hasPrefix("╭ Help "))
        #expect(first[2].hasPrefix("│SQL: one read-only statement, ended with ; (Enter before"))
        #expect(first[3].hasPrefix("│  the ; starts a new line)."), "long lines wrap with an indent")
        _ = model.handle(.backTab)
        _ = model.handle(.end)
        let last = try Screen(model: model, theme: Fixtures.theme("default")).render(size: model.size).trimmedRows
        let lastHelpLine = try #require(ReplHelp.lines(keyMap: .standard).last)
        #expect(last.contains { $0.contains(String(lastHelpLine.trimmingWhitespace().prefix(20))) }, "End reaches the last line")
    }
}
