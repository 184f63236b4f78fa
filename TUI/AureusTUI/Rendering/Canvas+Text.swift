extension Canvas {
    /// The canvas as plain text rows, continuation cells skipped, so tests and logs can
    /// compare what is on screen line by line (the ratatui `TestBackend` idea).
    public var rows: [String] {
        (0..<height).map { row(at: $0) }
    }

    /// One row as text.
    public func row(at y: Int) -> String {
        var line = ""
        for x in 0..<width {
            let cell = self[x, y]
            if !cell.isContinuation { line += cell.text }
        }
        return line
    }

    /// Rows with trailing spaces trimmed, for readable assertions.
    public var trimmedRows: [String] {
        rows.map { row in
            var text = Substring(row)
            while text.last == " " { text = text.dropLast() }
            return String(text)
        }
    }

    /// The cells that differ between two canvases of equal size, row-major; a size change
    /// means every cell. The terminal adapter writes exactly these.
    public func changes(from previous: Canvas?) -> [(x: Int, y: Int, cell: Cell)] {
        var result: [(x: Int, y: Int, cell: Cell)] = []
        let comparable = previous.map { $0.width == width && $0.height == height } ?? false
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                if comparable, let previous, previous[x, y] == cell { continue }
                result.append((x, y, cell))
            }
        }
        return result
    }
}
