import AureusProtocol
import Testing

@testable import AureusTUI

@Suite struct ReplModelTests {
    typealias F = ReplFixtures

    @Test func enterWithoutSemicolonContinuesThenRunsTheWholeStatement() throws {
        var repl = ReplModel()
        #expect(F.type("select id,\nname from users\n", into: &repl).isEmpty)
        #expect(repl.input.lines == ["select id,", "name from users", ""])
        let effects = F.type("where id > 3;\n", into: &repl)
        let sql = "select id,\nname from users\nwhere id > 3;"
        #expect(
            F.requests(effects) == [
                .saveHistory([sql]),
                .run(id: 1, QueryRunParams(sql: sql, question: nil, pageSize: 500)),
            ]
        )
        #expect(repl.input.isEmpty)
        #expect(repl.isRunning)
        #expect(repl.statusText == "running… (^C cancels)")
        #expect(F.run("select 2;", in: &repl).isEmpty, "one query at a time")
        #expect(repl.message?.isError == true)
        #expect(repl.input.text == "select 2;", "the refused statement stays in the buffer")
    }

    @Test func historyUpDownThroughTheModel() {
        var repl = ReplModel(history: ["select 1;", "select 2\nfrom t;"])
        _ = F.type("draft", into: &repl)
        _ = repl.perform(.historyPrevious)
        #expect(repl.input.text == "select 2\nfrom t;")
        _ = repl.perform(.historyPrevious)
        #expect(repl.input.text == "select 1;", "Up while recalling goes to the older entry, not the line above")
        _ = repl.perform(.historyNext)
        _ = repl.perform(.historyNext)
        #expect(repl.input.text == "draft")
        _ = F.type("\nmore", into: &repl)
        _ = repl.perform(.historyPrevious)
        #expect(repl.input.row == 0, "Up on a fresh multi-line buffer moves between its lines")
    }

    @Test func ctrlRSearchesAndEnterRunsTheMatch() {
        var repl = ReplModel(history: ["select * from users;", "select 1;"])
        #expect(repl.keyContexts == [.repl])
        _ = repl.perform(.historySearch)
        #expect(repl.keyContexts.isEmpty, "every key goes to the search")
        for character in "users" { _ = repl.edit(.char(character)) }
        let effects = repl.edit(.enter)
        #expect(repl.search == nil)
        #expect(F.requests(effects).contains(.run(id: 1, QueryRunParams(sql: "select * from users;", pageSize: 500))))
        _ = repl.perform(.historySearch)
        _ = repl.edit(.char("1"))
        _ = repl.edit(.esc)
        #expect(repl.search == nil && repl.input.isEmpty, "Esc gives the buffer back untouched")
    }

    @Test func tabCompletesFromTheCatalogueLoadedOnOpen() {
        var repl = ReplModel()
        #expect(F.requests(repl.opened()) == [.listDatasets])
        #expect(repl.opened().isEmpty, "the list is asked for once")
        _ = repl.receive(.datasets(F.catalog))
        _ = F.type("select em", into: &repl)
        _ = repl.perform(.complete)
        #expect(repl.input.text == "select email")
        _ = F.type(" from us", into: &repl)
        _ = repl.perform(.complete)
        #expect(repl.input.text == "select email from user")
        #expect(repl.message?.text == "users  user_events  user_id")
    }

    @Test func pagingNearTheEndFetchesTheNextPageOnce() throws {
        var repl = F.replWithResult()
        let window = try #require(repl.result)
        #expect(window.endIndex == 500 && window.hasMore && !window.fetching)
        #expect(repl.lastQuery?.sql == "select * from users;")
        #expect(repl.visibleCount == 16, "24 rows: status, frame, header, rule, footer, input, help")
        var fetches: [ReplRequest] = []
        for _ in 0..<40 { fetches += F.requests(repl.perform(.pageDown)) }
        #expect(fetches == [.fetch(id: 1, QueryFetchParams(cursor: "cur-1", pageSize: 500))], "one fetch in flight at most")
        #expect(repl.result?.fetching == true)
        #expect(repl.top == 500 - 16, "the last screenful of the loaded rows")
        let more = repl.receive(.page(id: 1, F.page(500..<1000, done: true), roundTripMilliseconds: 3))
        #expect(more.isEmpty, "done: nothing more to fetch")
        #expect(repl.result?.endIndex == 1000 && repl.result?.hasMore == false)
        _ = repl.perform(.bottom)
        #expect(repl.top == 1000 - 16)
        _ = repl.perform(.top)
        #expect(repl.top == 0)
    }

    @Test func ctrlCCancelsAFetchOnTheServerAndShowsCancelled() {
        var repl = F.replWithResult(F.page(0..<20))
        #expect(repl.result?.fetching == true, "20 rows is within the prefetch margin: the next page is on its way")
        let effects = repl.perform(.cancelQuery)
        #expect(F.requests(effects) == [.cancel(id: 1, cursor: "cur-1")])
        #expect(repl.message?.text == "cancelled")
        #expect(repl.result?.stopped == "cancelled")
        #expect(repl.receive(.page(id: 1, F.page(20..<40), roundTripMilliseconds: 1)).isEmpty)
        #expect(repl.result?.endIndex == 20, "a page that arrives after the cancel is dropped")
    }

    @Test func ctrlCBeforeTheFirstPageClosesItsCursorWhenItArrives() {
        var repl = ReplModel()
        let run = F.run("select * from users;", in: &repl)
        // The cancel reaches the server by the id the run gave it, before any page exists.
        var sentID: String?
        for effect in run { if case .request(.run(_, let params)) = effect { sentID = params.queryID } }
        #expect(sentID?.hasPrefix("repl-") == true)
        #expect(repl.perform(.cancelQuery).map { F.requests([$0]) } == [[.cancel(id: 1, cursor: sentID ?? "?")]])
        #expect(!repl.isRunning && repl.message?.text == "cancelled")
        let late = repl.receive(.page(id: 1, F.page(0..<500), roundTripMilliseconds: 1))
        #expect(F.requests(late) == [.cancel(id: 1, cursor: "cur-1")])
        #expect(repl.result == nil, "the cancelled result is not shown")
    }

    @Test func ctrlCAtThePromptClearsTheBuffer() {
        var repl = ReplModel()
        _ = F.type("select oops", into: &repl)
        #expect(repl.perform(.cancelQuery).isEmpty)
        #expect(repl.input.isEmpty)
    }

    @Test func aNewQueryClosesTheOldOpenCursorQuietly() {
        var repl = F.replWithResult()
        let effects = F.run("select 2;", in: &repl)
        #expect(
            F.requests(effects) == [
                .saveHistory(["select * from users;", "select 2;"]),
                .cancel(id: 1, cursor: "cur-1"),
                .run(id: 2, QueryRunParams(sql: "select 2;", pageSize: 500)),
            ],
            "the old cursor is closed before the new query starts (the server limits open cursors)"
        )
        #expect(repl.result?.stopped == "closed" && repl.result?.queryID == 1, "the old rows stay until the new ones arrive")
        #expect(repl.receive(.page(id: 2, F.page(0..<1, done: true), roundTripMilliseconds: 1)).isEmpty)
        _ = repl.receive(.cancelled(id: 1, wasRunning: true))
        #expect(repl.message == nil, "closing a replaced result says nothing")
        #expect(repl.receive(.page(id: 1, F.page(500..<1000), roundTripMilliseconds: 1)).isEmpty, "stale pages are ignored")
        #expect(repl.result?.queryID == 2)
    }

    @Test func windowDropsTheOldestRowsAndSaysSo() {
        var repl = F.replWithResult(F.page(0..<500), capacity: 1000)
        _ = repl.perform(.bottom)
        _ = repl.receive(.page(id: 1, F.page(500..<1000), roundTripMilliseconds: 1))
        _ = repl.perform(.bottom)
        _ = repl.receive(.page(id: 1, F.page(1000..<1500), roundTripMilliseconds: 1))
        let window = repl.result!
        #expect(window.rows.count == 1000 && window.firstIndex == 500 && window.endIndex == 1500)
        #expect(window.row(499) == nil && window.row(500) == F.rows(500..<501)[0])
        _ = repl.perform(.top)
        #expect(repl.top == 500, "dropped rows cannot be scrolled to")
        #expect(ResultFooter.notices(window).map(\.text).contains("rows before 501 dropped; \\o exports everything"))
    }

    @Test func errorsShowTheServersReason() {
        var repl = ReplModel()
        _ = F.run("delete from users;", in: &repl)
        _ = repl.receive(.failed(id: 1, reason: "forbidden: only SELECT statements may run"))
        #expect(repl.message == StatusMessage("ERROR: forbidden: only SELECT statements may run", isError: true))
        #expect(!repl.isRunning)
    }

    @Test func askPutsTheProposalInTheBufferAndEnterRunsItWithTheQuestion() {
        var repl = ReplModel()
        let effects = F.run("\\ask how many users?", in: &repl)
        #expect(F.requests(effects).last == .ask(question: "how many users?"))
        #expect(repl.statusText == "asking the model…")
        let proposal = QueryAskResult(
            question: "how many users?",
            sql: "SELECT count(*) FROM users",
            explanation: "counts rows",
            model: "qwen",
            elapsedMilliseconds: 900
        )
        #expect(repl.receive(.proposal(proposal)).isEmpty, "a proposal is never run by itself")
        #expect(repl.input.text == "SELECT count(*) FROM users;")
        let run = F.requests(repl.perform(.submit))
        #expect(run.contains(.run(id: 1, QueryRunParams(sql: "SELECT count(*) FROM users;", question: "how many users?", pageSize: 500))))
        _ = F.run("\\ask why?", in: &repl)
        _ = repl.receive(.askFailed(reason: "unavailable: Ollama is not configured"))
        #expect(repl.message == StatusMessage("\\ask: unavailable: Ollama is not configured", isError: true))
    }

    @Test func metaCommandsToggleExportAndDescribe() {
        var repl = ReplModel()
        _ = F.run("\\o /tmp/x.csv", in: &repl)
        #expect(repl.message?.isError == true, "nothing to export before a query")
        repl = F.replWithResult()
        #expect(
            F.requests(F.run("\\o /tmp/x.json", in: &repl)).last
                == .export(ExportJob(sql: "select * from users;", question: nil, path: "/tmp/x.json", format: .json))
        )
        _ = repl.receive(.exported(path: "/tmp/x.json", rows: 1234, truncated: false, evidenceID: "ev-7"))
        #expect(repl.message?.text == "wrote 1,234 rows to /tmp/x.json · evidence ev-7")
        _ = F.run("\\x", in: &repl)
        #expect(repl.expanded == .on && repl.isExpanded)
        _ = F.run("\\x auto", in: &repl)
        #expect(repl.expanded == .auto && !repl.isExpanded, "two narrow columns fit")
        _ = F.run("\\timing", in: &repl)
        #expect(!repl.showTiming && repl.message?.text == "Timing is off.")
        #expect(F.requests(F.run("\\dt", in: &repl)).last == .listDatasets)
        _ = repl.receive(.datasets(F.catalog))
        #expect(repl.result?.caption == "2 datasets" && repl.result?.rows.count == 2)
        #expect(F.requests(F.run("\\d users", in: &repl)).last == .describe(name: "users"))
        _ = F.run("\\q", in: &repl)
        #expect(F.run("\\q", in: &repl) == [.leave])
    }
}
