/// Modal layers drawn over the panes: the `?` help (generated from the key map and the
/// command table) and the Ctrl-C quit confirmation.
enum Overlays {
    static func helpLines(model: AppModel) -> [String] {
        var lines = model.keyMap.helpLines()
        lines.append("")
        lines.append("Commands (:)")
        for command in AppModel.commands {
            lines.append("  " + TextWidth.fit(command.name, to: 24) + " " + command.help)
        }
        return lines
    }

    static func help(model: AppModel, scroll: Int, theme: Theme, into canvas: inout Canvas, area: Rect) {
        let lines = helpLines(model: model)
        let width = min(area.width - 4, max(50, lines.map { TextWidth.width(of: $0) }.max() ?? 0) + 4)
        let box = area.centered(width: width, height: min(area.height - 2, lines.count + 2))
        canvas.fill(box, style: Style(.text))
        let inside = canvas.box(
            box,
            border: theme.border,
            style: Style(.focusBorder, [.bold]),
            title: "Help",
            titleStyle: Style(.title, [.bold]),
            note: "Esc closes",
            noteStyle: Style(.dim)
        )
        let first = min(scroll, max(0, lines.count - inside.height))
        for (offset, line) in lines.dropFirst(first).prefix(inside.height).enumerated() {
            let heading = !line.hasPrefix(" ") && !line.isEmpty
            canvas.put(" " + line, x: inside.x, y: inside.y + offset, style: heading ? Style(.accent, [.bold]) : Style(.text), clip: inside)
        }
    }

    static let confirmText = "Quit aureus? y/n"

    static func confirmQuit(theme: Theme, into canvas: inout Canvas, area: Rect) {
        let box = area.centered(width: TextWidth.width(of: confirmText) + 6, height: 3)
        canvas.fill(box, style: Style(.text))
        let inside = canvas.box(box, border: theme.border, style: Style(.warn, [.bold]))
        canvas.centered([(confirmText, Style(.warn, [.bold]))], in: inside)
    }

    /// The confirmation for a high-risk decision, centred over the dashboard: the request
    /// summary, who asked, the quorum so far and the reason, then the y/N question.
    static func confirmDecision(_ lines: [(text: String, style: Style, cursorColumn: Int?)], theme: Theme, into canvas: inout Canvas, area: Rect) {
        let width = min(area.width, max(40, lines.map { TextWidth.width(of: $0.text) }.max() ?? 0) + 4)
        let box = area.centered(width: width, height: min(area.height, lines.count + 2))
        canvas.fill(box, style: Style(.text))
        let inside = canvas.box(box, border: theme.border, style: Style(.riskHigh, [.bold]), title: "Confirm", titleStyle: Style(.riskHigh, [.bold]))
        for (offset, line) in lines.enumerated() where inside.y + offset < inside.maxY {
            canvas.put(TextWidth.fit(line.text, to: inside.width), x: inside.x, y: inside.y + offset, style: line.style, clip: inside)
        }
    }
}
