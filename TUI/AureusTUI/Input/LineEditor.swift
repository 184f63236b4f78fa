/// A one-line text field (command line, filter): text plus a cursor, edited by keys.
///
/// A value-type state machine like the rest of the app: `handle(_:)` says whether the line
/// was submitted, cancelled, or is still being edited.
public struct LineEditor: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        case editing
        case submitted(String)
        case cancelled
    }

    public private(set) var text: String
    /// Cursor position as a Character offset into `text`.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter: return .submitted(text)
        case .esc, .ctrl("c"): return .cancelled
        case .char(let character):
            insert(character)
        case .backspace, .ctrl("h"):
            if text.isEmpty { return .cancelled }
            if cursor > 0 {
                text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
                cursor -= 1
            }
        case .delete, .ctrl("d"):
            if cursor < text.count { text.remove(at: text.index(text.startIndex, offsetBy: cursor)) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            text.removeSubrange(text.startIndex..<text.index(text.startIndex, offsetBy: cursor))
            cursor = 0
        case .ctrl("k"):
            text.removeSubrange(text.index(text.startIndex, offsetBy: cursor)...)
        default:
            break
        }
        return .editing
    }

    public mutating func insert(_ character: Character) {
        // Control characters never enter the line (pasted escapes would reach the screen).
        guard !character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return }
        text.insert(character, at: text.index(text.startIndex, offsetBy: cursor))
        cursor += 1
    }

    /// The display column of the cursor (wide characters count twice).
    public var cursorColumn: Int { TextWidth.width(of: text.prefix(cursor)) }
}
