/// The selected channel's recent spike waveforms as overlaid braille lines, scaled to their
/// common min/max (and always including 0 µV, drawn as a dotted zero line), so the unit's
/// shape and its variability read at a glance.
public enum SnippetPlot {
    /// The µV range the plot spans: the snippets' extremes widened to include 0.
    public static func range(_ snippets: [[Float]]) -> ClosedRange<Float> {
        var low: Float = 0
        var high: Float = 0
        for snippet in snippets {
            for value in snippet where value.isFinite {
                low = min(low, value)
                high = max(high, value)
            }
        }
        return low...(high > low ? high : low + 1)
    }

    /// Draws every snippet into `grid`, each resampled to the grid's dot width and joined by
    /// vertical strokes, over a dotted zero line.
    public static func draw(_ snippets: [[Float]], into grid: inout BrailleRaster) {
        let width = grid.dotWidth
        let height = grid.dotHeight
        guard width > 1, height > 0 else { return }
        let span = range(snippets)
        func y(_ value: Float) -> Int {
            let clamped = value.isFinite ? min(span.upperBound, max(span.lowerBound, value)) : 0
            return Int(((span.upperBound - clamped) / (span.upperBound - span.lowerBound) * Float(height - 1)).rounded())
        }
        let zero = y(0)
        for x in stride(from: 0, to: width, by: 2) { grid.set(dotX: x, dotY: zero) }
        for snippet in snippets where snippet.count > 1 {
            var previous: Int?
            for x in 0..<width {
                let index = x * (snippet.count - 1) / (width - 1)
                let current = y(snippet[index])
                grid.stroke(dotX: x, fromY: previous ?? current, toY: current)
                previous = current
            }
        }
    }
}
