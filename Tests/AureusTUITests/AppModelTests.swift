import AureusProtocol
import Testing

@testable import AureusTUI

@Suite struct AppModelTests {
    @Test func tabAndShiftTabCycleFocusAndNumbersJump() throws {
        var model = try Fixtures.connectedModel()
        #expect(model.focus == .audit)
        var seen: [PaneID] = []
        for _ in 0..<5 {
            #expect(model.handle(.tab).isEmpty)
            seen.append(model.focus)
        }
        #expect(seen == [.gpu, .spikes, .rates, .approvals, .audit])
        _ = model.handle(.backTab)
        #expect(model.focus == .approvals)
        _ = model.handle(.backTab)
        #expect(model.focus == .rates)
        _ = model.handle(.backTab)
        #expect(model.focus == .spikes)
        for id in PaneID.allCases {
            _ = model.handle(.char(Character(String(id.rawValue))))
            #expect(model.focus == id)
        }
    }

    @Test func zoomTogglesAndEscUnzooms() throws {
        var model = try Fixtures.connectedModel()
        _ = model.handle(.char("2"))
        _ = model.handle(.char("z"))
        #expect(model.zoomed)
        _ = model.handle(.char("z"))
        #expect(!model.zoomed)
        _ = model.handle(.char("z"))
        _ = model.handle(.esc)
        #expect(!model.zoomed)
    }

    @Test func helpOverlayOpensScrollsAndCloses() throws {
        var model = try Fixtures.connectedModel()
        _ = model.handle(.char("?"))
        #expect(model.overlay == .help(scroll: 0))
        _ = model.handle(.char("j"))
        #expect(model.overlay == .help(scroll: 1))
        _ = model.handle(.char("1"))
        #expect(model.focus == .audit, "keys under the overlay do nothing")
        _ = model.handle(.esc)
        #expect(model.overlay == nil)
        _ = model.handle(.char("?"))
        #expect(model.handle(.char("q")).isEmpty, "q closes help rather than quitting")
        #expect(model.overlay == nil)
    }

    @Test func qQuitsAndCtrlCAsksFirst() throws {
        var model = try Fixtures.connectedModel()
        #expect(model.handle(.ctrl("c")).isEmpty)
        #expect(model.overlay == .confirmQuit)
        #expect(model.handle(.char("x")).isEmpty)
        #expect(model.handle(.char("n")).isEmpty)
        #expect(model.overlay == nil)
        _ = model.handle(.ctrl("c"))
        #expect(model.handle(.esc).isEmpty)
        #expect(model.overlay == nil)
        _ = model.handle(.ctrl("c"))
        #expect(model.handle(.char("y")) == [.quit])
        _ = model.handle(.esc)
        #expect(model.handle(.ctrl("c")).isEmpty)
        #expect(model.handle(.ctrl("c")) == [.quit], "a second Ctrl-C confirms")
        var other = try Fixtures.connectedModel()
        #expect(other.handle(.char("q")) == [.quit])
    }

    @Test func commandLineRunsCommands() throws {
        var model = try Fixtures.connectedModel()
        func type(_ text: String) -> [AppEffect] {
            _ = model.handle(.char(":"))
            for character in text { _ = model.handle(.char(character)) }
            return model.handle(.enter)
        }
        _ = model.handle(.char(":"))
        #expect(model.commandLine?.text == "")
        _ = model.handle(.char("q"))
        #expect(model.commandLine?.text == "q", "q is typed, not quit")
        _ = model.handle(.esc)
        #expect(model.commandLine == nil)
        #expect(type("theme light") == [.loadTheme("light")])
        #expect(type("theme").isEmpty)
        #expect(model.message == StatusMessage("usage: :theme NAME (current: default)", isError: true))
        #expect(type("bogus arg").isEmpty)
        #expect(model.message == StatusMessage("unknown command ':bogus' (try :help)", isError: true))
        _ = model.handle(.char("j"))
        #expect(model.message == nil, "messages clear on the next key")
        #expect(type("gpu").isEmpty)
        #expect(model.focus == .gpu)
        #expect(type("3").isEmpty)
        #expect(model.focus == .audit)
        #expect(type("help").isEmpty)
        #expect(model.overlay == .help(scroll: 0))
        _ = model.handle(.esc)
        #expect(type("reconnect") == [.reconnect])
        #expect(type(" q ") == [.quit])
        #expect(type("quit") == [.quit])
        model.apply(.themeLoaded("light"))
        #expect(model.themeName == "light")
        model.apply(.themeFailed("theme 'x': not found"))
        #expect(model.message?.isError == true)
    }

    @Test func filterNarrowsTheAuditPaneAndEscBacksOut() throws {
        var model = try Fixtures.connectedModel(events: 0)
        model.apply(
            .rpcResult(
                method: "audit.tail",
                params: .object(["limit": .int(200)]),
                result: try JSONValue(
                    encoding: AuditTailResult(
                        events: [
                            Fixtures.event(3, actor: "carol", action: "users.create", target: "dave"),
                            Fixtures.event(2, actor: "bob", action: "auth.login", outcome: "denied"),
                            Fixtures.event(1, actor: "alice", action: "auth.login"),
                        ],
                        nextCursor: nil
                    )
                )
            )
        )
        _ = model.handle(.char("/"))
        #expect(model.audit.isEditingText)
        for character in "LOGIN" { _ = model.handle(.char(character)) }
        #expect(model.audit.visibleEvents.map(\.seq) == [2, 1])
        _ = model.handle(.char("q"))
        #expect(model.audit.filter == "LOGINq", "typing into the filter does not quit")
        _ = model.handle(.backspace)
        _ = model.handle(.enter)
        #expect(!model.audit.isEditingText)
        #expect(model.audit.filter == "LOGIN")
        _ = model.handle(.char("j"))
        #expect(model.audit.selectedEvent?.seq == 1)
        _ = model.handle(.esc)
        #expect(model.audit.filter == "")
        #expect(model.audit.selectedEvent?.seq == 1, "clearing the filter keeps the selection")
        _ = model.handle(.char("/"))
        for character in "dave" { _ = model.handle(.char(character)) }
        #expect(model.audit.visibleEvents.map(\.seq) == [3])
        _ = model.handle(.esc)
        #expect(model.audit.filter == "" && !model.audit.isEditingText)
        _ = model.handle(.char("2"))
        #expect(model.handle(.char("/")).isEmpty)
        #expect(!model.audit.isEditingText, "/ does nothing in placeholder panes")
        _ = model.handle(.char("1"))
        _ = model.handle(.char("/"))
        #expect(model.rates.isEditingText && !model.audit.isEditingText, "/ filters the focused list")
    }

    @Test func detailViewOpensAndEscCloses() throws {
        var model = try Fixtures.connectedModel(events: 5)
        _ = model.handle(.char("j"))
        _ = model.handle(.enter)
        #expect(model.audit.detailEvent?.seq == 4)
        #expect(model.keyContexts == [.detail, .global])
        _ = model.handle(.char("j"))
        #expect(model.audit.detail?.scroll == 1)
        _ = model.handle(.esc)
        #expect(model.audit.detailEvent == nil)
        #expect(model.keyContexts == [.list, .global])
    }

    @Test func scrollingKeysMoveTheSelectionWithinBounds() throws {
        var model = try Fixtures.connectedModel(events: 50)
        _ = model.handle(.char("k"))
        #expect(model.audit.selected == 0)
        _ = model.handle(.pageDown)
        let page = model.audit.selected
        #expect(page == model.audit.pageSize(for: ScreenLayout(size: model.size, focus: .audit, zoomed: false).panes[.audit]!))
        _ = model.handle(.char("G"))
        #expect(model.audit.selected == 49)
        _ = model.handle(.down)
        #expect(model.audit.selected == 49)
        _ = model.handle(.pageUp)
        #expect(model.audit.selected == 49 - page)
        _ = model.handle(.char("g"))
        #expect(model.audit.selected == 0)
    }

    @Test func scrollingNearTheEndRequestsTheOlderPageOnce() throws {
        var model = try Fixtures.connectedModel(events: 0)
        model.apply(.rpcResult(method: "audit.tail", params: .object(["limit": .int(200)]), result: try Fixtures.page(101...130, nextCursor: 101)))
        let effects = model.handle(.char("G"))
        #expect(effects == [.sendRPC(method: "audit.tail", params: .object(["cursor": .int(101), "limit": .int(200)]))])
        #expect(model.handle(.char("k")).isEmpty, "no second request while one is in flight")
        let params = JSONValue.object(["cursor": .int(101), "limit": .int(200)])
        model.apply(.rpcResult(method: "audit.tail", params: params, result: try Fixtures.page(71...100, nextCursor: nil)))
        #expect(model.audit.events.count == 60)
        #expect(model.audit.olderCursor == nil)
        #expect(model.audit.selectedEvent?.seq == 102, "the selection stays on the same event")
        #expect(model.handle(.char("G")).isEmpty, "start of the log: nothing more to load")
    }
}
