/// Draws an `AppModel` into a `Canvas`: the one place that composes bars, panes and overlays.
///
/// Pure: the same model, theme and size give the same canvas, which is how the screen is
/// tested (rendered at several sizes and compared row by row) and why the terminal adapter
/// only needs to diff canvases.
///
/// ```swift
/// let canvas = Screen(model: model, theme: theme).render(size: terminal.size)
/// terminal.draw(canvas, theme: theme)
/// ```
public struct Screen: Sendable {
    public let model: AppModel
    public let theme: Theme

    public init(model: AppModel, theme: Theme) {
        self.model = model
        self.theme = theme
    }

    public func render(size: TerminalSize) -> Canvas {
        var canvas = Canvas(width: size.width, height: size.height, fill: Cell(" ", style: Style(.text)))
        render(into: &canvas)
        return canvas
    }

    public func render(into canvas: inout Canvas) {
        let size = TerminalSize(width: canvas.width, height: canvas.height)
        guard size.width > 0, size.height > 0 else { return }
        canvas.cursor = nil
        if model.mode == .repl {
            ReplScreen(model: model, theme: theme).render(into: &canvas)
            return
        }
        let layout = ScreenLayout(size: size, focus: model.focus, zoomed: model.zoomed)
        if layout.isTooSmall {
            renderTooSmall(into: &canvas, size: size)
            return
        }
        StatusBar(model: model).render(into: &canvas, area: layout.statusBar)
        for (id, area) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let context = PaneRenderContext(
                focused: id == model.focus,
                stale: model.isStale(id),
                theme: theme,
                utcOffsetSeconds: model.utcOffsetSeconds,
                now: model.now
            )
            model.pane(id).render(into: &canvas, area: area, context: context)
        }
        HelpBar(model: model).render(into: &canvas, area: layout.helpBar)
        switch model.overlay {
        case .help(let scroll): Overlays.help(model: model, scroll: scroll, theme: theme, into: &canvas, area: layout.body)
        case .confirmQuit: Overlays.confirmQuit(theme: theme, into: &canvas, area: layout.body)
        case nil:
            if case .confirm = model.approvals.prompt {
                let width = min(layout.body.width - 4, 76)
                Overlays.confirmDecision(model.approvals.promptLines(width: width), theme: theme, into: &canvas, area: layout.body)
            }
        }
    }

    /// "need 80×24, have 60×20", centred; `q` and Ctrl-C still work there.
    private func renderTooSmall(into canvas: inout Canvas, size: TerminalSize) {
        canvas.fill(canvas.bounds, style: Style(.text))
        let need = ScreenLayout.minimumSize
        let lines: [(String, Style)] = [
            ("Terminal too small", Style(.warn, [.bold])),
            ("need \(need), have \(size)", Style(.text)),
            model.overlay == .confirmQuit ? (Overlays.confirmText, Style(.warn, [.bold])) : ("q quits", Style(.dim)),
        ]
        canvas.centered(size.height >= 3 ? lines : [lines[1]], in: canvas.bounds)
    }
}
