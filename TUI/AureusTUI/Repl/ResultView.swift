import AureusProtocol

/// Draws a `ResultWindow`: a table (or one block per record when expanded) with the footer
/// below. Only the rows on screen are formatted, so a frame costs the same for 40 rows as
/// for 20,000 held (the pgcli lesson: formatting, not the query, is what gets slow).
public struct ResultView: Sendable {
    /// Widest a column is drawn; longer values end in `…` (`\x` shows them whole).
    public static let maxColumnWidth = 40

    public let window: ResultWindow
    /// First row (or record) shown, absolute.
    public let top: Int
    public let leftColumn: Int
    public let expanded: Bool
    public let showTiming: Bool

    public init(window: ResultWindow, top: Int, leftColumn: Int, expanded: Bool, showTiming: Bool) {
        self.window = window
        self.top = top
        self.leftColumn = leftColumn
        self.expanded = expanded
        self.showTiming = showTiming
    }

    /// Column widths as drawn.
    static func drawnWidths(_ window: ResultWindow) -> [Int] { window.widths.map { max(1, min($0, maxColumnWidth)) } }

    /// The table's full width: columns plus " │ " between them.
    public static func tableWidth(_ window: ResultWindow) -> Int {
        let widths = drawnWidths(window)
        return widths.reduce(0, +) + 3 * max(0, widths.count - 1)
    }

    static func footerHeight(_ window: ResultWindow) -> Int { 1 + ResultFooter.notices(window).count }

    /// Rows (table) or records (expanded) that fit in `area` above the footer.
    public static func visibleCount(_ window: ResultWindow, area: Rect, expanded: Bool) -> Int {
        let body = area.height - footerHeight(window)
        if expanded { return max(1, body / (window.columns.count + 1)) }
        return max(1, body - 2)
    }

    public func render(into canvas: inout Canvas, area: Rect) {
        guard !area.isEmpty else { return }
        let notices = ResultFooter.notices(window)
        let footerHeight = min(area.height, 1 + notices.count)
        let body = Rect(x: area.x, y: area.y, width: area.width, height: area.height - footerHeight)
        var shownColumns: ClosedRange<Int>?
        if expanded {
            renderRecords(into: &canvas, area: body)
        } else {
            shownColumns = renderTable(into: &canvas, area: body)
        }
        let visible = Self.visibleCount(window, area: area, expanded: expanded)
        let summary = ResultFooter.summary(
            window,
            top: top,
            visible: visible,
            expanded: expanded,
            showTiming: showTiming,
            columns: shownColumns
        )
        let footerY = area.maxY - footerHeight
        canvas.put(TextWidth.truncate(summary, to: area.width), x: area.x, y: footerY, style: Style(.dim), clip: area)
        for (offset, notice) in notices.enumerated() where footerY + 1 + offset < area.maxY {
            let style = notice.role == .warn ? Style(.warn, [.bold]) : Style(notice.role)
            canvas.put(TextWidth.truncate(notice.text, to: area.width), x: area.x, y: footerY + 1 + offset, style: style, clip: area)
        }
    }

    /// Draws `value` cut to `width` columns at `x`, right-aligned when numeric, NULL as the marker.
    func putCell(_ value: DrawnCell, x: Int, y: Int, width: Int, into canvas: inout Canvas, clip: Rect, style: Style = Style(.text)) {
        guard width > 0 else { return }
        let text = TextWidth.truncate(value.text ?? CellText.nullMarker, to: width)
        let style = value.text == nil ? Style(.null) : style
        let start = value.numeric ? x + width - TextWidth.width(of: text) : x
        canvas.put(text, x: start, y: y, style: style, clip: clip)
    }
}

/// A value ready to draw: its text (nil for NULL) and whether it lines up to the right.
struct DrawnCell {
    var text: String?
    var numeric: Bool

    /// Column `index` of `row`; a short row (which the server never sends) reads as NULL.
    init(text: String?, numeric: Bool) {
        self.text = text
        self.numeric = numeric
    }

    init(_ row: [JSONValue], _ index: Int) {
        let value = index < row.count ? row[index] : .null
        text = CellText.display(value)
        numeric = CellText.isNumeric(value)
    }
}
