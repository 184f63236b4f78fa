import AureusTUI
import CNcursesw

#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, over ncursesw: the only code in Aureus that calls curses.
///
/// Each `draw` diffs the new `Canvas` against the previous one and writes only the changed
/// cells with `mvwadd_wch` (so wide characters and combining marks go through ncurses'
/// wide-character path), then refreshes once; a size change forces a full repaint.
///
/// - Important: ncurses has global state and is not thread-safe. Create, use and shut down an
///   instance on one thread; this type is deliberately not `Sendable`.
///
/// ```swift
/// let terminal = try NcursesTerminal(environment: ProcessInfo.processInfo.environment)
/// defer { terminal.shutdown() }
/// terminal.draw(Screen(model: model, theme: theme).render(size: terminal.size), theme: theme)
/// let key = terminal.readKey(timeout: .milliseconds(100))
/// ```
public final class NcursesTerminal: Terminal {
    public let colorCapability: ColorCapability
    private var colors: NcursesColors
    private var previous: Canvas?
    private var isOpen = true
    /// The standard screen from `initscr`; kept here because reading the C global `stdscr`
    /// is not concurrency-safe in Swift 6.
    private let window: UnsafeMutablePointer<WINDOW>

    /// Starts curses mode: locale from the environment (for UTF-8), raw keys without echo,
    /// keypad decoding, a short Esc delay, colours with the terminal's default background.
    public init(environment: [String: String], escapeDelayMilliseconds: Int32 = 25) throws(TerminalError) {
        _ = setlocale(LC_ALL, "")
        // Wide characters need a UTF-8 locale; a bare environment (LANG unset, as under cron or
        // CI) gives "C", so fall back to C.UTF-8, which glibc always provides.
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { _ = setlocale(LC_ALL, "C.UTF-8") }
        guard let window = initscr() else { throw TerminalError("cannot initialise the terminal (is TERM set?)") }
        self.window = window
        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = set_escdelay(escapeDelayMilliseconds)
        Self.defineAlternateKeys()
        _ = curs_set(0)
        var colorCount: Int32 = 0
        if has_colors() {
            _ = start_color()
            _ = use_default_colors()
            colorCount = aureus_colors()
        }
        colorCapability = ColorCapability.detect(environment: environment, colors: Int(colorCount))
        colors = NcursesColors(capability: colorCapability, colorCount: colorCount, pairLimit: aureus_color_pairs())
    }

    deinit { shutdown() }

    /// Home and End as other terminals send them (tmux and screen `ESC[1~`/`ESC[4~`, rxvt
    /// `ESC[7~`/`ESC[8~`, xterm's normal and application modes): a `TERM` that names the
    /// wrong terminal (xterm-256color inside tmux is common) must not turn End into an Esc
    /// that leaves the REPL followed by typed garbage.
    private static func defineAlternateKeys() {
        let sequences: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ]
        for (sequence, code) in sequences { _ = define_key(sequence, code) }
    }

    public var size: TerminalSize {
        TerminalSize(width: Int(max(0, getmaxx(window))), height: Int(max(0, getmaxy(window))))
    }

    public func draw(_ canvas: Canvas, theme: Theme) {
        guard isOpen else { return }
        colors.use(theme: theme)
        if previous?.width != canvas.width || previous?.height != canvas.height || colors.themeName != previousTheme {
            _ = clearok(window, true)
            previous = nil
        }
        previousTheme = theme.name
        for change in canvas.changes(from: previous) where !change.cell.isContinuation {
            write(change.cell, x: change.x, y: change.y, theme: theme)
        }
        if let cursor = canvas.cursor {
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
            _ = curs_set(1)
        } else {
            _ = curs_set(0)
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        previous = canvas
    }

    private var previousTheme = ""

    private func write(_ cell: Cell, x: Int, y: Int, theme: Theme) {
        let look = colors.attributes(for: cell.style, theme: theme)
        // A cell holds one grapheme: base plus up to CCHARW_MAX - 1 combining scalars.
        var characters: [wchar_t] = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        if characters.isEmpty { characters = [32] }
        characters.append(0)
        var complex = cchar_t()
        var pair = look.pair
        _ = setcchar(&complex, &characters, look.attributes, 0, &pair)
        _ = mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }

    /// Waits up to `timeout` (rounded to milliseconds) for one key.
    public func readKey(timeout: Duration) -> Key? {
        guard isOpen else { return nil }
        let parts = timeout.components
        let milliseconds = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
        wtimeout(window, Int32(clamping: max(0, milliseconds)))
        var value: wint_t = 0
        switch wget_wch(window, &value) {
        case KEY_CODE_YES:
            let key = NcursesKeys.decode(functionKey: Int32(bitPattern: value))
            if key == .resize { previous = nil }
            return key
        case OK:
            return NcursesKeys.decode(character: UInt32(value))
        default:
            return nil
        }
    }

    public func shutdown() {
        guard isOpen else { return }
        isOpen = false
        _ = curs_set(1)
        _ = endwin()
    }
}

/// A terminal that could not be set up.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
