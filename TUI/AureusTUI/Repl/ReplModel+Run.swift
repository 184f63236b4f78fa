import AureusCore
import AureusProtocol

/// Enter, meta-commands and Ctrl-C.
extension ReplModel {
    /// Enter: runs a complete statement or a meta-command, else starts a new line (psql).
    mutating func submit() -> [ReplEffect] {
        let text = input.text
        let verdict = StatementScanner.verdict(text)
        switch verdict {
        case .empty:
            return []
        case .incomplete:
            input.newline()
            return []
        case .complete, .metaCommand:
            if verdict == .complete, isRunning {
                show("a query is still running; ^C cancels it", error: true)
                return []
            }
            var effects: [ReplEffect] = []
            if history.add(text) { effects.append(.request(.saveHistory(history.entries))) }
            let question = proposalQuestion
            input = SQLBuffer()
            proposalQuestion = nil
            message = nil
            if verdict == .metaCommand {
                switch MetaCommand.parse(text) {
                case .success(let command): effects += run(command)
                case .failure(let error): show(error.description, error: true)
                }
            } else {
                effects += runSQL(text.trimmingWhitespace(), question: question)
            }
            return effects
        }
    }

    /// Sends `query.run` for `sql`; the page arrives as `.page(id:…)`. The shown result's open
    /// cursor is closed first: the server limits open cursors per user, and that result will be
    /// replaced anyway (it stays on screen until the new page arrives, marked "closed").
    mutating func runSQL(_ sql: String, question: String?) -> [ReplEffect] {
        let id = nextID
        nextID += 1
        pending = PendingQuery(id: id, sql: sql, question: question)
        let params = QueryRunParams(sql: sql, question: question, pageSize: pageSize, queryID: serverQueryID(id))
        return closeCursor(reason: "closed") + [.request(.run(id: id, params))]
    }

    /// The cursor id the server uses for query `id` of this REPL.
    func serverQueryID(_ id: Int) -> String { "repl-\(serverTag)-\(id)" }

    /// Does what a parsed meta-command asks.
    mutating func run(_ command: MetaCommand) -> [ReplEffect] {
        switch command {
        case .expanded(let mode):
            expanded = mode ?? (expanded == .on ? .off : .on)
            switch expanded {
            case .on: show("Expanded display is on.")
            case .off: show("Expanded display is off.")
            case .auto: show("Expanded display is used automatically.")
            }
        case .timing(let value):
            showTiming = value ?? !showTiming
            show(showTiming ? "Timing is on." : "Timing is off.")
        case .describe(nil), .listDatasets:
            showCatalogOnArrival = true
            catalogRequested = true
            return [.request(.listDatasets)]
        case .describe(let name?):
            return [.request(.describe(name: name))]
        case .output(let path):
            guard let lastQuery else {
                show("\\o: no query to export yet; run one first", error: true)
                return []
            }
            exporting = true
            let job = ExportJob(sql: lastQuery.sql, question: lastQuery.question, path: path, format: ResultFormat.forPath(path))
            return [.request(.export(job))]
        case .ask(let question):
            asking = true
            return [.request(.ask(question: question))]
        case .quit:
            return [.leave]
        case .help:
            panel = Panel(title: "Help", lines: ReplHelp.lines(keyMap: keyMap))
            panelTop = 0
        }
        return []
    }

    /// Ctrl-C: gives up on the query in flight (server-side `query.cancel` once its cursor is
    /// known), else clears the buffer, else closes a result's open cursor.
    mutating func cancel() -> [ReplEffect] {
        if isRunning, let id = pending?.id {
            pending?.cancelled = true
            show("cancelled")
            // The server knows the query by the id it was given, first page or not.
            quietCancels.insert(id)
            return [.request(.cancel(id: id, cursor: serverQueryID(id)))]
        }
        if let window = result, window.fetching, let cursor = window.cursor {
            result?.stop("cancelled")
            show("cancelled")
            return [.request(.cancel(id: window.queryID, cursor: cursor))]
        }
        if !input.isEmpty || search != nil {
            input = SQLBuffer()
            search = nil
            proposalQuestion = nil
            history.resetPosition()
            return []
        }
        if let window = result, window.hasMore, let cursor = window.cursor {
            result?.stop("cancelled")
            show("cancelled")
            return [.request(.cancel(id: window.queryID, cursor: cursor))]
        }
        return []
    }

    /// Closes the shown result's server cursor without a word (`query.cancel`), if it is open.
    private mutating func closeCursor(reason: String) -> [ReplEffect] {
        guard let old = result, old.queryID != 0, old.hasMore, let cursor = old.cursor else { return [] }
        quietCancels.insert(old.queryID)
        result?.stop(reason)
        return [.request(.cancel(id: old.queryID, cursor: cursor))]
    }

    /// Shows `window` in place of the current result, closing the old one's cursor quietly.
    mutating func replaceResult(with window: ResultWindow?) -> [ReplEffect] {
        let effects = closeCursor(reason: "closed")
        result = window
        panel = nil
        top = window?.firstIndex ?? 0
        leftColumn = 0
        return effects
    }
}
