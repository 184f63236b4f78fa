/// A pane whose data source does not exist yet (approvals, GPU, spikes). It says so
/// plainly instead of showing an empty box that looks like "zero activity".
public struct PlaceholderPane: Pane {
    public let id: PaneID

    public init(id: PaneID) { self.id = id }

    public static let message = "No data source connected yet"

    /// Which subscription topic will feed this pane, for the hint line.
    public var topic: String {
        switch id {
        case .rates: "rates"
        case .approvals: "approvals"
        case .audit: "audit"
        case .gpu: "gpu"
        case .spikes: "spikes"
        }
    }

    public func render(into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        let inside = canvas.paneFrame(self, area: area, context: context)
        var lines: [(String, Style)] = [(Self.message, Style(.text))]
        if inside.height >= 3 { lines.append(("(topic '\(topic)')", Style(.dim))) }
        canvas.centered(lines, in: inside)
    }
}
