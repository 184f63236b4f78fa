import AureusProtocol

/// Tab completion in the REPL: meta-commands after `\`, `dataset.column` after a dot, and
/// otherwise dataset and column names from `datasets.list` (fetched when the REPL opens).
///
/// Pure: it sees the text before the cursor and the catalogue and says what to replace, so
/// the rules are tested without a terminal. One candidate is inserted whole; several insert
/// their longest common prefix and are listed for the user, as readline does.
public enum Completion {
    /// The meta-commands, as completed and as listed by `\?`.
    public static let metaCommands = ["\\?", "\\ask", "\\d", "\\dt", "\\o", "\\q", "\\timing", "\\x"]

    public struct Result: Hashable, Sendable {
        /// How many characters before the cursor the insertion replaces (the partial word).
        public var replacing: Int
        /// What goes in their place; equal to the partial word when nothing can be added.
        public var insertion: String
        /// Every match, for the message line when there is more than one.
        public var candidates: [String]
    }

    /// The completion for the word that ends at the cursor, or nil when nothing matches.
    public static func complete(before text: String, catalog: [DatasetSummary]) -> Result? {
        let word = String(text.reversed().prefix { isWordCharacter($0) }.reversed())
        if word.hasPrefix("\\") {
            return result(word: word, prefix: "", partial: word, names: metaCommands)
        }
        if let dot = word.lastIndex(of: ".") {
            let qualifier = String(word[..<dot])
            let partial = String(word[word.index(after: dot)...])
            guard let dataset = catalog.first(where: { $0.name.lowercased() == qualifier.lowercased() }) else { return nil }
            return result(word: word, prefix: qualifier + ".", partial: partial, names: dataset.columns.map(\.name))
        }
        var names = catalog.map(\.name)
        var seen = Set(names)
        for dataset in catalog {
            for column in dataset.columns where seen.insert(column.name).inserted { names.append(column.name) }
        }
        return result(word: word, prefix: "", partial: word, names: names)
    }

    private static func result(word: String, prefix: String, partial: String, names: [String]) -> Result? {
        let needle = partial.lowercased()
        let matches = names.filter { $0.lowercased().hasPrefix(needle) }
        guard let first = matches.first else { return nil }
        let common = matches.dropFirst().reduce(first) { shared, name in
            String(zip(shared, name).prefix { $0.lowercased() == $1.lowercased() }.map(\.0))
        }
        // Never shorten what was typed: a common prefix shorter than the partial word (it
        // cannot be, case aside) keeps the user's text.
        let completed = common.count >= partial.count ? common : partial
        return Result(replacing: word.count, insertion: prefix + completed, candidates: matches.map { prefix + $0 })
    }

    /// Characters that make up a completable word: identifier characters, `.` and `\`.
    static func isWordCharacter(_ character: Character) -> Bool {
        character == "_" || character == "." || character == "\\" || character.isLetter || character.isNumber
    }
}
