/// Where the REPL's parts go for a terminal size: status bar, the result in a frame, the
/// message lines, the input (growing with the statement up to a third of the screen), and
/// the help bar. A pure function, shared by the renderer and by the model (which needs the
/// result's height to know what a page is).
public struct ReplLayout: Hashable, Sendable {
    /// Smaller than this the REPL says so instead of drawing.
    public static let minimumSize = TerminalSize(width: 40, height: 10)

    public let size: TerminalSize
    public let statusBar: Rect
    /// The result frame, border included.
    public let result: Rect
    public let message: Rect
    public let input: Rect
    public let helpBar: Rect

    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    /// Inside the result frame's border.
    public var resultInside: Rect { result.inset(by: 1) }

    public init(size: TerminalSize, inputLines: Int, messageLines: Int) {
        self.size = size
        let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let inputRows = min(max(1, inputLines), max(1, (size.height - 2) / 3))
        let rows = Layout.rows(screen, [.fixed(1), .weight(1), .fixed(min(3, max(0, messageLines))), .fixed(inputRows), .fixed(1)])
        statusBar = rows[0]
        result = rows[1]
        message = rows[2]
        input = rows[3]
        helpBar = rows[4]
    }
}
