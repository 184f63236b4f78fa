/// Draws the REPL mode: the status bar, the result (or a help/description panel) in a frame,
/// the message lines, the input with its psql-style prompt, and the help bar generated from
/// the key map. Pure, like `Screen`, and tested the same way.
struct ReplScreen {
    static let prompt = "aureus=> "
    static let continuation = "aureus-> "

    let model: AppModel
    let theme: Theme

    func render(into canvas: inout Canvas) {
        let repl = model.repl
        let layout = repl.layout
        if layout.isTooSmall {
            let need = ReplLayout.minimumSize
            canvas.centered([("Terminal too small", Style(.warn, [.bold])), ("need \(need), have \(layout.size)", Style(.text))], in: canvas.bounds)
            return
        }
        StatusBar(model: model).render(into: &canvas, area: layout.statusBar)
        renderResult(repl, into: &canvas, area: layout.result)
        for (offset, line) in repl.messageLines.enumerated() {
            let style = repl.message?.isError == true ? Style(.error, [.bold]) : Style(.accent)
            canvas.put(" " + line, x: layout.message.x, y: layout.message.y + offset, style: style, clip: layout.message)
        }
        renderInput(repl, into: &canvas, area: layout.input)
        HelpBar(model: model).render(into: &canvas, area: layout.helpBar)
    }

    private func renderResult(_ repl: ReplModel, into canvas: inout Canvas, area: Rect) {
        let focused = repl.focus == .result
        var title = "SQL"
        var note = ""
        if let panel = repl.panel {
            title = Sanitizer.clean(panel.title)
        } else if repl.result != nil {
            note = repl.isExpanded ? "expanded" : ""
        }
        let inside = canvas.box(
            area,
            border: theme.border,
            style: focused ? Style(.focusBorder, [.bold]) : Style(.border),
            title: title,
            titleStyle: focused ? Style(.title, [.bold]) : Style(.border),
            note: note,
            noteStyle: Style(.dim)
        )
        if let panel = repl.panel {
            let lines = panel.wrapped(width: inside.width)
            let first = min(repl.panelTop, max(0, lines.count - inside.height))
            for (offset, line) in lines.dropFirst(first).prefix(inside.height).enumerated() {
                canvas.put(TextWidth.truncate(line, to: inside.width), x: inside.x, y: inside.y + offset, style: Style(.text), clip: inside)
            }
        } else if let window = repl.result {
            let view = ResultView(window: window, top: repl.top, leftColumn: repl.leftColumn, expanded: repl.isExpanded, showTiming: repl.showTiming)
            view.render(into: &canvas, area: inside)
        } else {
            canvas.centered(ReplHelp.welcome.map { ($0, Style(.dim)) }, in: inside)
        }
    }

    private func renderInput(_ repl: ReplModel, into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        if let search = repl.search {
            let label = search.isFailing ? "(failed reverse-i-search)`" : "(reverse-i-search)`"
            let head = label + Sanitizer.clean(search.query) + "': "
            let end = canvas.put(head, x: area.x, y: area.y, style: Style(.accent), clip: area)
            let match = search.matchText(in: repl.history.entries).map { Sanitizer.clean($0) } ?? ""
            canvas.put(match, x: end, y: area.y, style: Style(.text), clip: area)
            if repl.focus == .input { canvas.cursor = (min(area.maxX - 1, area.x + TextWidth.width(of: head) - 3), area.y) }
            return
        }
        let input = repl.input
        let firstLine = max(0, input.row - area.height + 1)
        let promptWidth = TextWidth.width(of: Self.prompt)
        let textArea = Rect(x: area.x + promptWidth, y: area.y, width: area.width - promptWidth, height: area.height)
        for (offset, line) in input.lines.dropFirst(firstLine).prefix(area.height).enumerated() {
            let index = firstLine + offset
            let y = area.y + offset
            canvas.put(index == 0 ? Self.prompt : Self.continuation, x: area.x, y: y, style: Style(.accent, [.bold]), clip: area)
            // The cursor's line scrolls sideways to keep the cursor on screen.
            let shift = index == input.row ? max(0, input.cursorColumn - textArea.width + 1) : 0
            canvas.put(line, x: textArea.x - shift, y: y, style: Style(.text), clip: textArea)
            if index == input.row, repl.focus == .input {
                canvas.cursor = (min(area.maxX - 1, textArea.x + input.cursorColumn - shift), y)
            }
        }
    }
}
