/// Where everything goes for a terminal size: status bar on top, help bar at the bottom, the
/// five panes in between. A pure function of size, focus and zoom, tested at many sizes.
///
/// Grid (weights in rows): rates | approvals (1), audit full width (2), gpu | spikes (1).
/// The audit pane gets the most room because it is the one with live data.
public struct ScreenLayout: Hashable, Sendable {
    public static let minimumSize = TerminalSize(width: 80, height: 24)

    public let size: TerminalSize
    public let statusBar: Rect
    public let helpBar: Rect
    public let body: Rect
    /// Empty when the terminal is too small or when another pane is zoomed.
    public let panes: [PaneID: Rect]

    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    public init(size: TerminalSize, focus: PaneID, zoomed: Bool) {
        self.size = size
        let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let rows = Layout.rows(screen, [.fixed(1), .weight(1), .fixed(1)])
        statusBar = rows[0]
        body = rows[1]
        helpBar = rows[2]
        guard size.width >= Self.minimumSize.width, size.height >= Self.minimumSize.height else {
            panes = [:]
            return
        }
        if zoomed {
            panes = [focus: body]
            return
        }
        let bands = Layout.rows(body, [.weight(1), .weight(2), .weight(1)])
        let top = Layout.columns(bands[0], [.weight(1), .weight(1)])
        let bottom = Layout.columns(bands[2], [.weight(1), .weight(1)])
        panes = [.rates: top[0], .approvals: top[1], .audit: bands[1], .gpu: bottom[0], .spikes: bottom[1]]
    }
}
