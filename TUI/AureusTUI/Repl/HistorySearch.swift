/// Ctrl-R reverse incremental search through the REPL history, as in readline and bash.
///
/// Each typed character narrows the search to the newest entry containing the query; Ctrl-R
/// again steps to the next older match. Enter takes the match and runs it (readline does the
/// same), Esc or Ctrl-G gives the buffer back untouched, any movement key takes the match
/// into the buffer for editing.
public struct HistorySearch: Hashable, Sendable {
    /// What the search asks of the REPL after a key.
    public enum Outcome: Hashable, Sendable {
        case searching
        /// Put this text in the buffer and leave search (nil: keep the buffer as it was).
        case accept(String?)
        /// Put this text in the buffer and press Enter.
        case acceptAndRun(String?)
        case cancel
    }

    public private(set) var query = ""
    /// Index of the current match in the history entries.
    public private(set) var match: Int?

    public init() {}

    /// False when the query matches nothing ("failed reverse-i-search").
    public var isFailing: Bool { !query.isEmpty && match == nil }

    public func matchText(in entries: [String]) -> String? { match.map { entries[$0] } }

    public mutating func handle(_ key: Key, entries: [String]) -> Outcome {
        switch key {
        case .ctrl("r"):
            if let current = match {
                if let older = find(in: entries, before: current) { match = older }
            } else {
                match = find(in: entries, before: entries.count)
            }
        case .char(let character):
            query.append(character)
            // A longer query still matches the current entry if it contains it; otherwise
            // look further back, as readline does.
            match = find(in: entries, before: (match ?? entries.count - 1) + 1)
        case .backspace, .ctrl("h"):
            guard !query.isEmpty else { return .searching }
            query.removeLast()
            match = find(in: entries, before: entries.count)
        case .enter: return .acceptAndRun(matchText(in: entries))
        case .esc, .ctrl("g"), .ctrl("c"): return .cancel
        default: return .accept(matchText(in: entries))
        }
        return .searching
    }

    /// The newest entry before index `end` whose text contains the query (case-insensitive).
    private func find(in entries: [String], before end: Int) -> Int? {
        guard !query.isEmpty else { return nil }
        let needle = query.lowercased()
        var index = min(end, entries.count) - 1
        while index >= 0 {
            if entries[index].lowercased().contains(needle) { return index }
            index -= 1
        }
        return nil
    }
}
