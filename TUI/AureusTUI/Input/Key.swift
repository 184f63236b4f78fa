/// A key press (or resize) as the app sees it, independent of curses key codes.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Ctrl plus a letter, lower-cased: `.ctrl("c")`.
    case ctrl(Character)
    case tab
    case backTab
    case enter
    case esc
    case backspace
    case delete
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    case function(Int)
    /// The terminal changed size; the next frame must be laid out again.
    case resize

    /// How the key is written in help text: "Tab", "S-Tab", "^C", "PgDn", "?".
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let character): String(character)
        case .ctrl(let character): "^" + String(character).uppercased()
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .enter: "Enter"
        case .esc: "Esc"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let number): "F\(number)"
        case .resize: "resize"
        }
    }
}
