import Testing

@testable import AureusTUI

@Suite struct KeyMapTests {
    @Test func helpBarIsGeneratedFromBindings() {
        let map = KeyMap.standard
        #expect(
            map.helpBarText(contexts: [.list, .global], width: 200)
                == "/ filter  Enter details  Tab next pane  1-5 jump to pane  z zoom  ? help  : command  F2 SQL  Esc back  q quit"
        )
        #expect(map.helpBarText(contexts: [.global], width: 40) == "Tab next pane  1-5 jump to pane  z zoom")
        #expect(map.helpBarText(contexts: [.detail, .global], width: 200).hasPrefix("Esc close  Tab next pane"))
        #expect(!map.helpBarText(contexts: [.detail, .global], width: 200).contains("Esc back"))
    }

    @Test func ratesPaneAddsSortAheadOfTheListKeys() {
        let map = KeyMap.standard
        #expect(map.helpBarText(contexts: [.rates, .list, .global], width: 200).hasPrefix("s sort  / filter  Enter details  Tab next pane"))
        #expect(map.binding(for: .char("s"), in: [.rates, .list, .global])?.command == .cycleSort)
        #expect(map.binding(for: .char("s"), in: [.list, .global]) == nil, "s does nothing in the audit list")
        #expect(map.binding(for: .enter, in: [.detail, .global])?.command == .open, "Enter closes a detail view (the pane toggles)")
        #expect(map.binding(for: .pageDown, in: [.detail, .global])?.command == .pageDown)
        #expect(map.helpLines().contains("Rates pane (sort: rate, name, total)"))
    }

    @Test func bindingLookupPrefersTheMostSpecificContext() {
        let map = KeyMap.standard
        #expect(map.binding(for: .esc, in: [.detail, .global])?.help == "close")
        #expect(map.binding(for: .esc, in: [.global])?.help == "back")
        #expect(map.binding(for: .char("/"), in: [.global]) == nil)
        #expect(map.binding(for: .char("j"), in: [.list, .global])?.command == .scrollDown)
        #expect(map.binding(for: .ctrl("c"), in: [.global])?.danger == true)
        #expect(map.binding(for: .char("4"), in: [.global])?.command == .focusPane(.gpu))
    }

    @Test func everyCommandKeyIsListedInHelpAndKeysAreUniquePerContext() {
        let map = KeyMap.standard
        let help = map.helpLines().joined(separator: "\n")
        for binding in map.bindings { #expect(help.contains(binding.help)) }
        #expect(help.contains("^C"))
        #expect(help.contains("quit (asks first)  !"))
        for context in KeyContext.allCases {
            let keys = map.bindings.filter { $0.context == context }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "duplicate key in \(context)")
        }
    }

    @Test func keyDescriptions() {
        #expect(Key.ctrl("c").description == "^C")
        #expect(Key.backTab.description == "S-Tab")
        #expect(Key.function(5).description == "F5")
        #expect(Key.char(" ").description == "Space")
    }

    @Test func lineEditorEditsAndSubmits() {
        var editor = LineEditor()
        for character in "thme" { _ = editor.handle(.char(character)) }
        _ = editor.handle(.left)
        _ = editor.handle(.left)
        _ = editor.handle(.char("e"))
        #expect(editor.text == "theme")
        #expect(editor.cursor == 3)
        _ = editor.handle(.char("\u{1B}"))
        #expect(editor.text == "theme")
        _ = editor.handle(.ctrl("u"))
        #expect(editor.text == "me")
        _ = editor.handle(.end)
        _ = editor.handle(.char("日"))
        #expect(editor.cursorColumn == 4)
        #expect(editor.handle(.enter) == .submitted("me日"))
        var empty = LineEditor()
        #expect(empty.handle(.backspace) == .cancelled)
        #expect(empty.handle(.ctrl("c")) == .cancelled)
    }
}
