/// The seam between the app and a real terminal; `AureusTerminal.NcursesTerminal` is the
/// implementation, tests need none (they render `Screen` to a `Canvas` directly).
///
/// - Important: implementations are not thread-safe; use one from a single thread (ncurses
///   keeps global state), which is why this protocol is not `Sendable`.
public protocol Terminal: AnyObject {
    /// The current size in cells (re-read after `Key.resize`).
    var size: TerminalSize { get }
    /// What colours the terminal can show (after `NO_COLOR` and `COLORTERM`).
    var colorCapability: ColorCapability { get }
    /// Shows `canvas`, writing only the cells that differ from the previous frame.
    func draw(_ canvas: Canvas, theme: Theme)
    /// Waits up to `timeout` for a key; nil when none came.
    func readKey(timeout: Duration) -> Key?
    /// Restores the terminal (also done on deinit); safe to call twice.
    func shutdown()
}
