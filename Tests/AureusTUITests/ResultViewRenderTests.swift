import AureusProtocol
import Testing

@testable import AureusTUI

@Suite struct ResultViewRenderTests {
    static let columns = [
        QueryColumn(name: "id", type: "INTEGER"), QueryColumn(name: "name", type: "TEXT"), QueryColumn(name: "note", type: "TEXT"),
    ]
    static let rows: [[JSONValue]] = [
        [.int(1), .string("日本語"), .string("")],
        [.int(22), .string("a😀b"), .null],
        [.double(3.5), .string("tab\there\u{1B}[31m"), .string("x")],
    ]

    static func window(rows: [[JSONValue]] = rows, done: Bool = true, truncated: Bool = false) -> ResultWindow {
        ResultWindow(
            queryID: 1,
            first: ReplFixtures.page(0..<rows.count, done: done, columns: columns, rows: rows, truncated: truncated),
            roundTripMilliseconds: 15.2
        )
    }

    static func render(_ view: ResultView, width: Int, height: Int) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        view.render(into: &canvas, area: canvas.bounds)
        return canvas
    }

    @Test func alignsNumbersRightWideCharactersAndNullVersusEmpty() {
        let view = ResultView(window: Self.window(), top: 0, leftColumn: 0, expanded: false, showTiming: true)
        let canvas = Self.render(view, width: 50, height: 7)
        #expect(
            canvas.trimmedRows == [
                " id │ name     │ note",
                "────┼──────────┼─────",
                "  1 │ 日本語   │",
                " 22 │ a😀b     │ ∅",
                "3.5 │ tab here │ x",
                "",
                "rows 1–3 of 3 · 12.3 ms server · 15.2 ms total · …",
            ]
        )
        #expect(canvas[17, 3].text == "∅" && canvas[17, 3].style.foreground == .null, "NULL is drawn in its own role")
        #expect(canvas[17, 2].text == " " && canvas[17, 2].style.foreground != .null, "the empty string draws as nothing")
        #expect(canvas[1, 0].style == Style(.title, [.bold]) && canvas[4, 0].style.foreground == .border)
        #expect(canvas[0, 4].text == "3" && canvas[2, 2].text == "1", "numbers are right-aligned")
        for y in 0..<7 { #expect((0..<50).map { canvas[$0, y].width }.reduce(0, +) == 50, "row \(y) covers every column once") }
    }

    @Test func longValuesEndInAnEllipsisAndNarrowScreensScrollSideways() {
        let long = String(repeating: "abcdefghij", count: 6)
        let window = Self.window(rows: [[.int(7), .string(long), .string("n")]])
        let canvas = Self.render(ResultView(window: window, top: 0, leftColumn: 0, expanded: false, showTiming: false), width: 60, height: 5)
        #expect(canvas.trimmedRows[2] == " 7 │ " + String(long.prefix(39)) + "… │ n")
        let narrow = Self.render(ResultView(window: window, top: 0, leftColumn: 0, expanded: false, showTiming: false), width: 20, height: 5)
        #expect(narrow.trimmedRows[2] == " 7 │ abcdefghijabcd…")
        #expect(narrow.trimmedRows[4].hasPrefix("rows 1–1 of 1 · col…"))
        let scrolled = Self.render(ResultView(window: window, top: 0, leftColumn: 1, expanded: false, showTiming: false), width: 70, height: 5)
        #expect(scrolled.trimmedRows[0] == "name" + String(repeating: " ", count: 37) + "│ note")
        #expect(scrolled.trimmedRows[4] == "rows 1–1 of 1 · cols 2–3 of 3 (h/l) · evidence ev-42")
    }

    @Test func expandedModeShowsOneBlockPerRecord() {
        let view = ResultView(window: Self.window(), top: 1, leftColumn: 0, expanded: true, showTiming: false)
        let canvas = Self.render(view, width: 30, height: 10)
        #expect(
            canvas.trimmedRows == [
                "-[ RECORD 2 ]-----------------",
                "id   │ 22",
                "name │ a😀b",
                "note │ ∅",
                "-[ RECORD 3 ]-----------------",
                "id   │ 3.5",
                "name │ tab here",
                "note │ x",
                "",
                "record 2 of 3 · evidence ev-42",
            ]
        )
    }

    @Test func footerSaysThereIsMoreAndNoticesTruncationAndMasking() {
        var page = ReplFixtures.page(0..<500, truncated: false, masking: ["users.email": "partial", "users.id": "none"])
        page.cursor = "c"
        let window = ResultWindow(queryID: 1, first: page, roundTripMilliseconds: 153.4)
        let canvas = Self.render(ResultView(window: window, top: 0, leftColumn: 0, expanded: false, showTiming: true), width: 100, height: 10)
        let rows = canvas.trimmedRows
        #expect(rows[8] == "rows 1–6 of 500+ (more) · 12.3 ms server · 153 ms total · evidence ev-42")
        #expect(rows[9] == "masked for your role: users.email (partial)")

        let last = ResultWindow(queryID: 1, first: ReplFixtures.page(0..<3, done: true, truncated: true), roundTripMilliseconds: 1)
        let truncated = Self.render(ResultView(window: last, top: 0, leftColumn: 0, expanded: false, showTiming: false), width: 80, height: 8)
        #expect(truncated.trimmedRows[7] == "result truncated at the 10,000-row limit for your role")
        #expect(truncated[0, 7].style.foreground == .warn)
    }

    @Test func windowMeasuresWidthsOncePerPageAndDetectsNumbers() {
        var window = ResultWindow(
            queryID: 1,
            first: ReplFixtures.page(
                0..<2,
                columns: [QueryColumn(name: "n", type: ""), QueryColumn(name: "s", type: "")],
                rows: [[.int(1), .string("ab")], [.null, .string("日本")]]
            ),
            roundTripMilliseconds: 1
        )
        #expect(window.numeric == [true, false], "untyped columns are numeric when their values are")
        #expect(window.widths == [1, 4])
        window.append(ReplFixtures.page(2..<3, done: true, rows: [[.int(123_456), .string("x")]], elapsed: 900))
        #expect(window.widths == [6, 4])
        #expect(window.serverMilliseconds == 12.34 && window.totalMilliseconds == 1, "timing is the first page's")
        #expect(!window.hasMore)
    }
}
