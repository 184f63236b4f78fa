/// The SQL REPL as a full-screen mode of the app: F2 or `:repl` opens it, Esc or F2 comes
/// back with its state kept, and `aureus repl` (`replOnly`) starts in it and quits on leaving.
extension AppModel {
    /// Switches to the REPL; the first time, asks for the dataset list (completion, `\dt`).
    public mutating func openRepl() -> [AppEffect] {
        setMode(.repl)
        return replEffects(repl.opened())
    }

    /// Gives the REPL the history the host read from its file.
    public mutating func loadReplHistory(_ entries: [String]) { repl.loadHistory(entries) }

    /// A key in REPL mode: a history search takes every key; otherwise the key map's REPL
    /// bindings run commands and any other key is typed.
    mutating func handleRepl(_ key: Key) -> [AppEffect] {
        if repl.search == nil, let binding = keyMap.binding(for: key, in: repl.keyContexts) {
            return replEffects(repl.perform(binding.command))
        }
        return replEffects(repl.edit(key))
    }

    /// REPL effects in app terms; leaving switches back to the dashboard (or quits).
    mutating func replEffects(_ effects: [ReplEffect]) -> [AppEffect] {
        var result: [AppEffect] = []
        for effect in effects {
            switch effect {
            case .request(let request): result.append(.repl(request))
            case .leave:
                if replOnly { return result + [.quit] }
                setMode(.dashboard)
            }
        }
        return result
    }
}
