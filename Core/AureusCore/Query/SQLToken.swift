/// One lexical token of a SQL statement. Comments and whitespace are not tokens: the lexer
/// drops them, so nothing hidden in a comment can reach the checks that follow.
public struct SQLToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A bare word: keyword or identifier (case-insensitive; `text` is as written).
        case word
        /// `"…"`, `` `…` `` or `[…]`: an identifier that may collide with a keyword.
        case quotedIdentifier
        /// `'…'`, `E'…'`, `$tag$…$tag$`, `X'…'`.
        case string
        case number
        /// `;`
        case semicolon
        case openParen
        case closeParen
        case comma
        case dot
        /// Anything else: operators, `::`, `?`, `$1`, …
        case symbol
    }

    public var kind: Kind
    /// The identifier's name (quotes removed) for identifiers, the source text otherwise.
    public var text: String
    /// Offset of the token's first character in the statement (in Unicode scalars).
    public var offset: Int
    /// Offset just past the token's last character.
    public var end: Int

    public init(kind: Kind, text: String, offset: Int, end: Int? = nil) {
        self.kind = kind
        self.text = text
        self.offset = offset
        self.end = end ?? offset + text.unicodeScalars.count
    }

    /// Lower-cased `text` for words and quoted identifiers: how SQL compares names.
    public var name: String { text.lowercased() }

    public func isWord(_ word: String) -> Bool { kind == .word && text.lowercased() == word }
}
