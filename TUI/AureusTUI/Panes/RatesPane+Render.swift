import AureusProtocol

extension RatesPane {
    public func render(into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        let inside = canvas.paneFrame(self, area: area, context: context)
        guard !inside.isEmpty else { return }
        guard let snapshot else {
            canvas.centered([("Waiting for the server…", Style(.dim))], in: inside)
            return
        }
        if let key = detail?.key {
            renderDetail(key, into: &canvas, area: inside, context: context)
        } else {
            renderList(snapshot, into: &canvas, area: inside, context: context)
        }
    }

    /// The rows a page key moves in a pane of `area` (the frame included).
    public func pageSize(for area: Rect) -> Int {
        let inside = area.inset(by: 1)
        if detail != nil { return max(1, inside.height - Self.detailHeaderLines) }
        let footer = snapshot.map { Self.footerLines($0, width: inside.width, height: inside.height, stale: false).count } ?? 0
        return max(1, inside.height - (filterField.isVisible ? 1 : 0) - 1 - footer)
    }

    static func footerLines(_ snapshot: RatesSnapshot, width: Int, height: Int, stale: Bool) -> [[RatesFooter.Piece]] {
        RatesFooter(snapshot, stale: stale).lines(width: width, maxLines: height >= 8 ? 2 : 1)
    }

    /// The table header, with ▼ on the column the rows are sorted by (▲ for names, A to Z).
    static func header(_ columns: RatesColumns, sort: RatesSort) -> String {
        var rates = columns.windows.map { "\($0)s" }
        if sort == .rate { rates[0] = "▼" + rates[0] }
        let line = columns.text(
            source: sort == .name ? "SOURCE▲" : "SOURCE",
            kind: "KIND",
            metric: "METRIC",
            rates: rates,
            total: sort == .total ? "▼TOTAL" : "TOTAL"
        )
        return columns.spark >= 8 ? line + " " + columns.sparkHeader : line
    }

    static func rates(_ series: RateSeries, windows: [Int]) -> [String] {
        windows.map { window in
            RateFormat.rate(window == 1 ? series.perSecond1s : window == 10 ? series.perSecond10s : series.perSecond60s)
        }
    }

    private func renderList(_ snapshot: RatesSnapshot, into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        let footer = Self.footerLines(snapshot, width: area.width, height: area.height, stale: context.stale)
        let footerHeight = min(footer.count, max(0, area.height - 1))
        for (offset, line) in footer.prefix(footerHeight).enumerated() {
            canvas.put(pieces: line, x: area.x, y: area.maxY - footerHeight + offset, clip: area)
        }
        var table = canvas.filterLine(filterField, in: area)
        table.height -= footerHeight
        guard !table.isEmpty else { return }
        let columns = RatesColumns(width: table.width)
        canvas.put(Self.header(columns, sort: sort), x: table.x, y: table.y, style: Style(.dim, [.bold]), clip: table)
        let rowsArea = Rect(x: table.x, y: table.y + 1, width: table.width, height: table.height - 1)
        guard !rowsArea.isEmpty else { return }
        let visible = visibleSeries
        if visible.isEmpty {
            let text = snapshot.series.isEmpty ? "No webhook traffic yet" : "No series match /" + Sanitizer.clean(filter)
            canvas.centered([(text, Style(.dim))], in: rowsArea)
            return
        }
        for (index, series, offset) in ScrollWindow.rows(visible, selected: selected, height: rowsArea.height) {
            let y = rowsArea.y + offset
            let text = columns.text(
                source: Sanitizer.clean(series.source),
                kind: Sanitizer.clean(series.kind),
                metric: Sanitizer.clean(series.metric),
                rates: Self.rates(series, windows: columns.windows),
                total: RateFormat.count(series.total)
            )
            let spark = Sparkline.braille(histories[RateSeriesKey(series)]?.suffix(columns.spark * 2) ?? [])
            if index == selected && context.focused {
                let line = TextWidth.fit(text + " " + spark, to: rowsArea.width)
                canvas.put(line, x: rowsArea.x, y: y, style: Style(.selection, on: .selection), clip: rowsArea)
            } else {
                canvas.put(text, x: rowsArea.x, y: y, style: context.stale ? Style(.stale) : Style(.text), clip: rowsArea)
                let sparkStyle = context.stale ? Style(.stale) : Style(.accent)
                canvas.put(spark, x: rowsArea.x + columns.sparkOffset, y: y, style: sparkStyle, clip: rowsArea)
            }
        }
    }

    /// Title, rates, a full-width sparkline and the table header sit above the values.
    static let detailHeaderLines = 4

    private func renderDetail(_ key: RateSeriesKey, into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        let base = context.stale ? Style(.stale) : Style(.text)
        let title = Sanitizer.clean(key.source) + "/" + Sanitizer.clean(key.metric) + " · " + Sanitizer.clean(key.kind) + "  (Esc closes)"
        canvas.put(TextWidth.fit(title, to: area.width), x: area.x, y: area.y, style: Style(.accent, [.bold]), clip: area)
        if let series = detailSeries {
            let rates = zip([1, 10, 60], Self.rates(series, windows: [1, 10, 60])).map { "\($0)s \($1)" }
            let summary = (rates + ["total " + RateFormat.count(series.total)]).joined(separator: "  ")
            canvas.put(summary, x: area.x, y: area.y + 1, style: base, clip: area)
            let spark = Sparkline.braille(histories[key]?.suffix(area.width * 2) ?? [])
            canvas.put(spark, x: area.x, y: area.y + 2, style: context.stale ? base : Style(.accent), clip: area)
        } else {
            canvas.put("no longer reported by the server", x: area.x, y: area.y + 1, style: Style(.warn), clip: area)
        }
        let userWidth = min(24, max(8, area.width / 3))
        func row(_ user: String, _ value: String, _ unit: String, _ time: String) -> String {
            TextWidth.fit(user, to: userWidth) + " " + RatesColumns.right(value, 12) + " " + TextWidth.fit(unit, to: 8) + " " + time
        }
        canvas.put(row("USER", "VALUE", "UNIT", "TIME"), x: area.x, y: area.y + 3, style: Style(.dim, [.bold]), clip: area)
        let body = Rect(x: area.x, y: area.y + Self.detailHeaderLines, width: area.width, height: area.height - Self.detailHeaderLines)
        guard !body.isEmpty else { return }
        let values = latestValues(for: key)
        if values.isEmpty {
            canvas.centered([("No values for this series yet", Style(.dim))], in: body)
            return
        }
        let scroll = min(detail?.scroll ?? 0, max(0, values.count - body.height))
        for (offset, value) in values.dropFirst(scroll).prefix(body.height).enumerated() {
            let line = row(
                Sanitizer.clean(value.user),
                RateFormat.value(value.value),
                Sanitizer.clean(value.unit),
                AuditPane.clock(value.time, utcOffsetSeconds: context.utcOffsetSeconds)
            )
            canvas.put(line, x: body.x, y: body.y + offset, style: base, clip: body)
        }
    }
}
