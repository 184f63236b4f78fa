/// Column widths of the rates table for an inside width: names on the left, rates and the
/// total right-aligned, and the sparkline taking whatever is left.
///
/// Narrow panes drop columns in this order: kind, the 10 s rate, the 60 s rate; names shrink
/// before that. The sparkline always gets the remainder, so a wider pane shows more history.
struct RatesColumns: Hashable, Sendable {
    /// "1.2k/s", "<0.1/s": the widest `RateFormat.rate` text.
    static let rateWidth = 6
    static let totalWidth = 6

    var source: Int
    /// 0 when the kind column is dropped.
    var kind: Int
    var metric: Int
    /// Which windows show, a subset of 1 s, 10 s, 60 s in that order (seconds).
    var windows: [Int]
    /// Width of the text part of a row (names, rates, total).
    var textWidth: Int
    /// Cells for the sparkline (two seconds per cell), after one space; 0 when there is no room.
    var spark: Int

    init(width: Int) {
        switch width {
        case 100...: (source, kind, metric) = (16, 10, 18)
        case 72...: (source, kind, metric) = (12, 8, 12)
        case 50...: (source, kind, metric) = (10, 0, 10)
        default: (source, kind, metric) = (8, 0, 8)
        }
        windows = width >= 56 ? [1, 10, 60] : width >= 46 ? [1, 60] : [1]
        textWidth = source + (kind > 0 ? kind + 1 : 0) + 1 + metric + windows.count * (Self.rateWidth + 1) + 1 + Self.totalWidth
        spark = max(0, width - textWidth - 1)
    }

    /// The text columns of one row (everything left of the sparkline), `textWidth` wide.
    func text(source: String, kind: String, metric: String, rates: [String], total: String) -> String {
        var line = TextWidth.fit(source, to: self.source)
        if self.kind > 0 { line += " " + TextWidth.fit(kind, to: self.kind) }
        line += " " + TextWidth.fit(metric, to: self.metric)
        for rate in rates { line += " " + Self.right(rate, Self.rateWidth) }
        line += " " + Self.right(total, Self.totalWidth)
        return line
    }

    /// Where the sparkline starts, relative to the row.
    var sparkOffset: Int { textWidth + 1 }

    /// `text` right-aligned in `width` columns (cut when longer).
    static func right(_ text: String, _ width: Int) -> String {
        let cut = TextWidth.truncate(text, to: width)
        return String(repeating: " ", count: max(0, width - TextWidth.width(of: cut))) + cut
    }

    /// The span the sparkline covers, for its header: "LAST 70s", "LAST 4m".
    var sparkHeader: String {
        let seconds = spark * 2
        return seconds < 120 ? "LAST \(seconds)s" : "LAST \(seconds / 60)m"
    }
}
