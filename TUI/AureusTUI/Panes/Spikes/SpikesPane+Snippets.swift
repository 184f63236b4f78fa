import AureusProtocol

/// The snippet box: the selected channel's recent waveforms (see `SnippetPlot`).
extension SpikesPane {
    /// Draws the box at `box`: title "ch 17 · 8 snippets", the plot, and the µV range on its
    /// last inside row. Says why when there is nothing to plot.
    func renderSnippets(into canvas: inout Canvas, box: Rect, theme: Theme) {
        let current = snippets.flatMap { $0.channel == selectedChannel && $0.stream == stream ? $0 : nil }
        let title = "ch \(selectedChannel)" + (current.map { " · \($0.snippets.count) snippets" } ?? "")
        let inside = canvas.box(box, border: theme.border, style: Style(.border), title: title, titleStyle: Style(.accent))
        guard inside.height >= 2, inside.width >= 4 else { return }
        guard let current, !current.snippets.isEmpty else {
            let reason = snippetError.map { Sanitizer.clean($0) } ?? (current == nil ? "loading…" : "no spikes yet")
            canvas.centered([(reason, Style(.dim))], in: inside)
            return
        }
        let waveforms = current.snippets.map(\.samples)
        var grid = BrailleRaster(columns: inside.width, rows: inside.height - 1)
        SnippetPlot.draw(waveforms, into: &grid)
        for row in 0..<grid.rows {
            for column in 0..<grid.columns where grid.cellBits(column: column, row: row) != 0 {
                canvas.put(
                    String(grid.character(column: column, row: row)),
                    x: inside.x + column,
                    y: inside.y + row,
                    style: Style(.accent),
                    clip: inside
                )
            }
        }
        let span = SnippetPlot.range(waveforms)
        let milliseconds = current.sampleRate > 0 ? Double(waveforms.map(\.count).max() ?? 0) / current.sampleRate * 1000 : 0
        let label = "\(Int(span.lowerBound.rounded()))…+\(Int(span.upperBound.rounded())) µV · \(Self.oneDecimal(milliseconds)) ms"
        canvas.put(TextWidth.truncate(label, to: inside.width), x: inside.x, y: inside.maxY - 1, style: Style(.dim), clip: inside)
    }
}
