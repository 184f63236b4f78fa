/// The bottom line: the `:` command line while it is open, else the last message, else the
/// key hints generated from the key map for the focused pane's contexts.
struct HelpBar {
    let model: AppModel

    func render(into canvas: inout Canvas, area: Rect) {
        let bar = Style(.helpBar, on: .helpBar)
        canvas.fill(area, style: bar)
        if let editor = model.commandLine {
            canvas.put(":" + editor.text, x: area.x, y: area.y, style: bar, clip: area)
            canvas.cursor = (min(area.maxX - 1, area.x + 1 + editor.cursorColumn), area.y)
            return
        }
        if let message = model.message {
            let style = message.isError ? Style(.error, on: .helpBar, [.bold]) : bar
            canvas.put(" " + TextWidth.truncate(message.text, to: area.width - 2), x: area.x, y: area.y, style: style, clip: area)
            return
        }
        var x = area.x + 1
        let items = model.keyMap.helpBarItems(contexts: model.keyContexts)
        for (index, item) in items.enumerated() {
            let pieceWidth = TextWidth.width(of: item.key) + 1 + TextWidth.width(of: item.help) + (index == 0 ? 0 : 2)
            if x + pieceWidth > area.maxX { break }
            if index > 0 { x = canvas.put("  ", x: x, y: area.y, style: bar, clip: area) }
            x = canvas.put(item.key, x: x, y: area.y, style: Style(.helpKey, on: .helpBar, [.bold]), clip: area)
            x = canvas.put(" " + item.help, x: x, y: area.y, style: bar, clip: area)
        }
    }
}
