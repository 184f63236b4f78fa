/// The `:` command line. Commands are words, k9s style; pane names and numbers jump.
extension AppModel {
    /// Every command with its help, for `:help` and the help overlay.
    public static let commands: [(name: String, help: String)] = [
        ("q, quit", "leave aureus"),
        ("help", "show keys and commands"),
        ("theme NAME", "switch colour theme"),
        ("reconnect", "drop the connection and reconnect now"),
        ("zoom", "toggle full-screen for the focused pane"),
        ("repl", "the SQL REPL (also F2; Esc or F2 comes back)"),
        ("1-5, rates, approvals, audit, gpu, spikes", "focus a pane"),
        ("filter TEXT", "filter the rates pane if focused, else audit (empty clears)"),
    ]

    /// Runs one command line (without the leading `:`).
    public mutating func run(command line: String) -> [AppEffect] {
        let trimmed = line.trimmingSpaces
        guard !trimmed.isEmpty else { return [] }
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts[0].lowercased()
        let argument = parts.count > 1 ? parts[1].trimmingSpaces : ""
        switch name {
        case "q", "q!", "quit", "exit": return [.quit]
        case "help", "h", "?": setOverlay(.help(scroll: 0))
        case "theme":
            guard !argument.isEmpty else {
                show("usage: :theme NAME (current: \(themeName))", error: true)
                return []
            }
            return [.loadTheme(argument)]
        case "reconnect": return [.reconnect]
        case "repl", "sql": return openRepl()
        case "zoom": setZoomed(!zoomed)
        case "filter":
            if focus == .rates {
                rates.setFilter(argument)
            } else {
                setFocus(.audit)
                audit.setFilter(argument)
            }
        default:
            if let id = PaneID.allCases.first(where: { $0.title.lowercased() == name || String($0.rawValue) == name }) {
                setFocus(id)
            } else {
                show("unknown command ':\(Sanitizer.clean(String(name.prefix(40))))' (try :help)", error: true)
            }
        }
        return []
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
