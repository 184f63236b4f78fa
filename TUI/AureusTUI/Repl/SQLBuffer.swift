/// The REPL's multi-line input: lines of text and a cursor, edited by keys.
///
/// Like psql, Enter does not always run: `ReplModel` asks `StatementScanner` whether the text
/// is a complete statement (ends in `;` outside quotes and comments, or is a `\` meta-command)
/// and otherwise calls `newline()`. Keeping the buffer ignorant of SQL keeps both small.
public struct SQLBuffer: Hashable, Sendable {
    /// Never empty: an empty buffer is one empty line.
    public private(set) var lines: [String] = [""]
    /// The cursor's line and its Character offset in that line.
    public private(set) var row = 0
    public private(set) var column = 0

    public init(_ text: String = "") { set(text) }

    /// The whole buffer, lines joined with "\n".
    public var text: String { lines.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }
    public var isOnFirstLine: Bool { row == 0 }
    public var isOnLastLine: Bool { row == lines.count - 1 }

    /// Replaces the text and puts the cursor at its end (history recall, `\ask` proposals).
    public mutating func set(_ text: String) {
        // Text from the history file or the model may hold control characters; typed text never does.
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.clean(String($0)) }
        if lines.isEmpty { lines = [""] }
        row = lines.count - 1
        column = lines[row].count
    }

    /// The text before the cursor on the cursor's line (what completion looks at).
    public var textBeforeCursor: String { String(lines[row].prefix(column)) }

    /// Inserts one printable character; control characters are dropped (pasted escapes).
    public mutating func insert(_ character: Character) {
        guard !character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return }
        var line = lines[row]
        line.insert(character, at: line.index(line.startIndex, offsetBy: column))
        lines[row] = line
        column += 1
    }

    public mutating func insert(_ text: String) {
        for character in text { insert(character) }
    }

    /// Splits the line at the cursor (Enter on an incomplete statement).
    public mutating func newline() {
        let line = lines[row]
        let split = line.index(line.startIndex, offsetBy: column)
        lines[row] = String(line[..<split])
        lines.insert(String(line[split...]), at: row + 1)
        row += 1
        column = 0
    }

    /// Deletes the `count` characters before the cursor on its line (completion replaces a word).
    public mutating func deleteBackward(_ count: Int) {
        let count = min(count, column)
        guard count > 0 else { return }
        var line = lines[row]
        let end = line.index(line.startIndex, offsetBy: column)
        line.removeSubrange(line.index(end, offsetBy: -count)..<end)
        lines[row] = line
        column -= count
    }

    /// Handles an editing key; returns false for keys it does not use.
    @discardableResult
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .char(let character): insert(character)
        case .backspace, .ctrl("h"):
            if column > 0 {
                deleteBackward(1)
            } else if row > 0 {
                column = lines[row - 1].count
                lines[row - 1] += lines.remove(at: row)
                row -= 1
            }
        case .delete, .ctrl("d"):
            if column < lines[row].count {
                var line = lines[row]
                line.remove(at: line.index(line.startIndex, offsetBy: column))
                lines[row] = line
            } else if row < lines.count - 1 {
                lines[row] += lines.remove(at: row + 1)
            }
        case .left, .ctrl("b"):
            if column > 0 {
                column -= 1
            } else if row > 0 {
                row -= 1
                column = lines[row].count
            }
        case .right, .ctrl("f"):
            if column < lines[row].count {
                column += 1
            } else if row < lines.count - 1 {
                row += 1
                column = 0
            }
        case .home, .ctrl("a"): column = 0
        case .end, .ctrl("e"): column = lines[row].count
        case .ctrl("u"): deleteBackward(column)
        case .ctrl("k"): lines[row] = String(lines[row].prefix(column))
        case .ctrl("w"): deleteBackward(Self.wordLength(before: textBeforeCursor))
        default: return false
        }
        return true
    }

    /// Moves to the line above or below, keeping the column where it can.
    public mutating func moveLine(by delta: Int) {
        row = min(max(0, row + delta), lines.count - 1)
        column = min(column, lines[row].count)
    }

    /// Characters Ctrl-W deletes: trailing spaces, then the word before them.
    static func wordLength(before text: String) -> Int {
        var characters = Array(text)
        var count = 0
        while characters.last == " " {
            characters.removeLast()
            count += 1
        }
        while let last = characters.last, last != " " {
            characters.removeLast()
            count += 1
        }
        return count
    }

    /// The display column of the cursor within its line.
    public var cursorColumn: Int { TextWidth.width(of: lines[row].prefix(column)) }
}
