import AureusProtocol

/// What every dashboard pane provides: a title, its key contexts, drawing into a rect of a
/// canvas, and handling the commands routed to it while focused.
///
/// Panes are values held by `AppModel`; they never do I/O and ask for it by returning effects.
public protocol Pane: Sendable {
    var id: PaneID { get }
    /// Short text in the top-right of the border ("42 events", "stale").
    var note: String { get }
    /// The key contexts active while this pane has focus, most specific first (`.global` is implied).
    var keyContexts: [KeyContext] { get }
    /// Whether the pane is taking typed text (a filter), so keys must not run commands.
    var isEditingText: Bool { get }

    func render(into canvas: inout Canvas, area: Rect, context: PaneRenderContext)

    /// Handles a command; returns nil when the pane does not use it (it falls through to the app).
    mutating func perform(_ command: Command, pageSize: Int) -> [AppEffect]?

    /// Handles a raw key while `isEditingText`.
    mutating func edit(_ key: Key)
}

extension Pane {
    public var note: String { "" }
    public var keyContexts: [KeyContext] { [] }
    public var isEditingText: Bool { false }
    public mutating func perform(_ command: Command, pageSize: Int) -> [AppEffect]? { nil }
    public mutating func edit(_ key: Key) {}
}

/// What a pane needs to know to draw itself besides its own state.
public struct PaneRenderContext: Sendable {
    public var focused: Bool
    public var stale: Bool
    public var theme: Theme
    /// Seconds east of UTC for clock times shown in the pane.
    public var utcOffsetSeconds: Int
    /// The wall clock, for countdowns (approval TTLs).
    public var now: Timestamp

    public init(focused: Bool, stale: Bool, theme: Theme, utcOffsetSeconds: Int = 0, now: Timestamp = Timestamp(milliseconds: 0)) {
        self.focused = focused
        self.stale = stale
        self.theme = theme
        self.utcOffsetSeconds = utcOffsetSeconds
        self.now = now
    }

    /// Border style for the pane's frame.
    public var borderStyle: Style { focused ? Style(.focusBorder, [.bold]) : Style(.border) }
    public var titleStyle: Style { focused ? Style(.title, [.bold]) : Style(.border) }
}

extension Canvas {
    /// Draws a pane's frame with "N Title" and the note (in the stale role when stale), and
    /// returns the inside.
    mutating func paneFrame(_ pane: some Pane, area: Rect, context: PaneRenderContext) -> Rect {
        let note = context.stale ? (pane.note.isEmpty ? "stale" : pane.note + " · stale") : pane.note
        return box(
            area,
            border: context.theme.border,
            style: context.borderStyle,
            title: "\(pane.id.rawValue) \(pane.id.title)",
            titleStyle: context.titleStyle,
            note: note,
            noteStyle: context.stale ? Style(.stale, [.bold]) : Style(.dim)
        )
    }

    /// Writes `lines` centred in `area`, each cut to fit.
    mutating func centered(_ lines: [(String, Style)], in area: Rect) {
        guard !area.isEmpty else { return }
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < area.maxY {
            let text = TextWidth.truncate(line.0, to: area.width)
            let x = area.x + max(0, (area.width - TextWidth.width(of: text)) / 2)
            put(text, x: x, y: top + offset, style: line.1, clip: area)
        }
    }
}
