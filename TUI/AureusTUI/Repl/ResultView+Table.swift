import AureusProtocol

extension ResultView {
    /// The table: a bold header, a rule, then the rows from `top`, columns from `leftColumn`
    /// separated by " │ ". Returns the columns on screen when not all of them are.
    func renderTable(into canvas: inout Canvas, area: Rect) -> ClosedRange<Int>? {
        guard !area.isEmpty, !window.columns.isEmpty else { return nil }
        let widths = Self.drawnWidths(window)
        var placed: [(index: Int, x: Int, width: Int)] = []
        var x = area.x
        for index in min(leftColumn, widths.count - 1)..<widths.count {
            guard x < area.maxX else { break }
            placed.append((index, x, min(widths[index], area.maxX - x)))
            x += widths[index] + 3
        }
        let separator = Style(.border)
        for (position, column) in placed.enumerated() {
            let name = DrawnCell(text: Sanitizer.clean(window.columns[column.index].name), numeric: window.numeric[column.index])
            putCell(name, x: column.x, y: area.y, width: column.width, into: &canvas, clip: area, style: Style(.title, [.bold]))
            guard area.height > 1 else { continue }
            canvas.fill(Rect(x: column.x, y: area.y + 1, width: column.width, height: 1), with: "─", style: separator)
            if position < placed.count - 1 {
                let bar = column.x + widths[column.index] + 1
                canvas.put("│", x: bar, y: area.y, style: separator, clip: area)
                canvas.put("─┼─", x: bar - 1, y: area.y + 1, style: separator, clip: area)
            }
        }
        for offset in 0..<max(0, area.height - 2) {
            guard let row = window.row(top + offset) else { break }
            let y = area.y + 2 + offset
            for (position, column) in placed.enumerated() {
                putCell(DrawnCell(row, column.index), x: column.x, y: y, width: column.width, into: &canvas, clip: area)
                if position < placed.count - 1 {
                    canvas.put("│", x: column.x + widths[column.index] + 1, y: y, style: separator, clip: area)
                }
            }
        }
        guard let first = placed.first, let last = placed.last else { return nil }
        let allShown = first.index == 0 && last.index == widths.count - 1 && last.width == widths[last.index]
        return allShown ? nil : first.index...last.index
    }

    /// One block per record, psql's `\x`: a "-[ RECORD n ]-" rule, then "name │ value" lines.
    func renderRecords(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty, !window.columns.isEmpty else { return }
        let names = window.columns.map { TextWidth.truncate(Sanitizer.clean($0.name), to: Self.maxColumnWidth) }
        let nameWidth = min(area.width / 2, names.map { TextWidth.width(of: $0) }.max() ?? 0)
        let valueX = area.x + nameWidth + 3
        var y = area.y
        var record = top
        while y < area.maxY, let row = window.row(record) {
            let title = "-[ RECORD \(NumberText.grouped(record + 1)) ]"
            let rule = title + String(repeating: "-", count: max(0, area.width - TextWidth.width(of: title)))
            canvas.put(TextWidth.truncate(rule, to: area.width, ellipsis: false), x: area.x, y: y, style: Style(.border), clip: area)
            y += 1
            for (index, name) in names.enumerated() where y < area.maxY {
                canvas.put(TextWidth.fit(name, to: nameWidth), x: area.x, y: y, style: Style(.title, [.bold]), clip: area)
                canvas.put(" │ ", x: area.x + nameWidth, y: y, style: Style(.border), clip: area)
                var cell = DrawnCell(row, index)
                cell.numeric = false
                putCell(cell, x: valueX, y: y, width: area.maxX - valueX, into: &canvas, clip: area)
                y += 1
            }
            record += 1
        }
    }
}
