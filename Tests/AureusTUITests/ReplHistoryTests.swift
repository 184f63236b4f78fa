import Testing

@testable import AureusTUI

@Suite struct ReplHistoryTests {
    @Test func addSkipsEmptyAndRepeatsAndKeepsTheCap() {
        var history = ReplHistory([], capacity: 3)
        let added = ["select 1;", "select 1;  ", "   ", "select 2;", "select 3;", "select 4;"].map { history.add($0) }
        #expect(added == [true, false, false, true, true, true], "repeats of the newest entry and blank entries are not stored")
        #expect(history.entries == ["select 2;", "select 3;", "select 4;"])
        #expect(ReplHistory(Array(repeating: "x", count: 5).enumerated().map { "\($0.offset)" }, capacity: 2).entries == ["3", "4"])
    }

    @Test func upAndDownWalkTheHistoryAndGiveTheDraftBack() {
        var history = ReplHistory(["a;", "b;", "c;"])
        let up = ["draft", "c;", "b;", "a;"].map { history.previous(current: $0) }
        #expect(up == ["c;", "b;", "a;", nil], "no entry older than the oldest")
        let down = (0..<4).map { _ in history.next() }
        #expect(down == ["b;", "c;", "draft", nil], "past the newest entry the draft comes back")
    }

    @Test func fileFormatRoundTripsMultiLineEntriesAndBackslashes() {
        let entries = ["select 1\nfrom t;", "\\o C:\\temp\\out.csv", "select '\\n';"]
        let text = ReplHistory.encode(entries)
        #expect(text.split(separator: "\n").count == 3, "one line per entry")
        #expect(ReplHistory.decode(text) == entries)
        #expect(ReplHistory.decode("a;\r\n\nb;\n") == ["a;", "b;"])
    }

    @Test func reverseSearchFindsNewestMatchesAndStepsBack() {
        let entries = ["select * from users;", "select count(*) from events;", "select id from users where id = 1;"]
        var search = HistorySearch()
        let typed = "users".map { search.handle(.char($0), entries: entries) }
        #expect(typed.allSatisfy { $0 == .searching })
        #expect(search.matchText(in: entries) == entries[2])
        _ = search.handle(.ctrl("r"), entries: entries)
        #expect(search.matchText(in: entries) == entries[0])
        _ = search.handle(.ctrl("r"), entries: entries)
        #expect(search.matchText(in: entries) == entries[0], "no older match: stays")
        _ = search.handle(.char("x"), entries: entries)
        #expect(search.isFailing)
        _ = search.handle(.backspace, entries: entries)
        #expect(search.matchText(in: entries) == entries[2], "a shorter query searches from the newest again")
        let outcomes = [Key.enter, .right, .esc].map { search.handle($0, entries: entries) }
        #expect(outcomes == [.acceptAndRun(entries[2]), .accept(entries[2]), .cancel])
    }
}
