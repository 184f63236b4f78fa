import AureusCore

/// Decides whether the REPL buffer is ready to run, the way psql does: SQL runs once it ends
/// in `;`, and a line starting with `\` is a meta-command that runs at once.
///
/// Why a scanner and not `hasSuffix(";")`: a `;` inside a string (`'a;'`), a quoted name or a
/// comment (`-- done;`) does not end a statement, and running half a statement on Enter is the
/// kind of surprise a REPL must not have.
public enum StatementScanner {
    /// What Enter should do with `text`.
    public enum Verdict: Hashable, Sendable {
        /// Nothing but whitespace (and comments): ignore Enter.
        case empty
        /// Keep reading lines.
        case incomplete
        /// Run it.
        case complete
        /// A `\` command: run it as a meta-command.
        case metaCommand
    }

    public static func verdict(_ text: String) -> Verdict {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("\\") { return .metaCommand }
        switch lastSignificantCharacter(text) {
        case nil: return .empty
        case ";": return .complete
        default: return .incomplete
        }
    }

    /// The last character outside strings, quoted identifiers and comments, or nil when
    /// there is none. An unterminated string or block comment counts as a non-`;` character,
    /// so Enter keeps reading until it is closed.
    static func lastSignificantCharacter(_ text: String) -> Character? {
        enum State {
            case normal
            case quoted(Character)
            case lineComment
            case blockComment
        }
        var state = State.normal
        var last: Character?
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch state {
            case .normal:
                if character == "-", characters.first == "-" {
                    characters.removeFirst()
                    state = .lineComment
                } else if character == "/", characters.first == "*" {
                    characters.removeFirst()
                    state = .blockComment
                } else if character == "'" || character == "\"" || character == "`" {
                    state = .quoted(character)
                    last = character
                } else if character == "[" {
                    state = .quoted("]")
                    last = character
                } else if !character.isWhitespace {
                    last = character
                }
            case .quoted(let close):
                // A doubled quote ('it''s') closes and reopens: the net effect is the same.
                if character == close { state = .normal }
                last = character
            case .lineComment:
                if character == "\n" { state = .normal }
            case .blockComment:
                if character == "*", characters.first == "/" {
                    characters.removeFirst()
                    state = .normal
                }
            }
        }
        switch state {
        case .quoted: return "'"
        case .blockComment: return "*"
        case .normal, .lineComment: return last
        }
    }
}
