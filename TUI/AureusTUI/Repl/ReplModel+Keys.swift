/// Keys in the REPL: commands from the key map (`perform`) and typed text (`edit`).
extension ReplModel {
    /// Runs a command bound in the `.repl` or `.result` context.
    public mutating func perform(_ command: Command) -> [ReplEffect] {
        switch command {
        case .submit: return submit()
        case .complete: complete()
        case .historySearch: search = HistorySearch()
        case .historyPrevious:
            if history.position == nil, !input.isOnFirstLine {
                input.moveLine(by: -1)
            } else if let entry = history.previous(current: input.text) {
                recall(entry)
            }
        case .historyNext:
            if history.position == nil, !input.isOnLastLine {
                input.moveLine(by: 1)
            } else if let entry = history.next() {
                recall(entry)
            }
        case .toggleResultFocus:
            focus = focus == .input && (result != nil || panel != nil) ? .result : .input
        case .cancelQuery: return cancel()
        case .leaveRepl: return [.leave]
        case .toggleExpanded:
            expanded = isExpanded ? .off : .on
            show(expanded == .on ? "Expanded display is on." : "Expanded display is off.")
        case .scrollUp, .scrollDown, .pageUp, .pageDown, .top, .bottom, .scrollLeft, .scrollRight:
            return scroll(command)
        default: break
        }
        return []
    }

    /// A key no binding claimed: typed into the buffer (or the history search). In the
    /// result, typing a character goes back to the input with it, so nobody types into a void.
    public mutating func edit(_ key: Key) -> [ReplEffect] {
        if var current = search { return editSearch(key, &current) }
        if focus == .result {
            guard case .char = key else { return [] }
            focus = .input
        }
        input.edit(key)
        return []
    }

    private mutating func editSearch(_ key: Key, _ current: inout HistorySearch) -> [ReplEffect] {
        switch current.handle(key, entries: history.entries) {
        case .searching:
            search = current
        case .accept(let text):
            search = nil
            if let text { recall(text) }
        case .acceptAndRun(let text):
            search = nil
            if let text { recall(text) }
            return submit()
        case .cancel:
            search = nil
        }
        return []
    }

    /// Puts a history entry in the buffer; a proposal's question does not belong to it.
    private mutating func recall(_ text: String) {
        input.set(text)
        proposalQuestion = nil
    }

    /// Tab: completes the word before the cursor, listing the candidates when there are several.
    private mutating func complete() {
        guard let completion = Completion.complete(before: input.textBeforeCursor, catalog: catalog) else {
            show(catalog.isEmpty ? "no completions (dataset list not loaded)" : "no completions")
            return
        }
        input.deleteBackward(completion.replacing)
        input.insert(completion.insertion)
        if completion.candidates.count > 1 {
            let shown = completion.candidates.prefix(20).joined(separator: "  ")
            show(completion.candidates.count > 20 ? shown + "  … (\(completion.candidates.count))" : shown)
        }
    }
}
