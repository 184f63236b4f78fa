import AureusProtocol

extension AuditPane {
    public func render(into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        let inside = canvas.paneFrame(self, area: area, context: context)
        guard !inside.isEmpty else { return }
        if let event = detailEvent {
            renderDetail(event, into: &canvas, area: inside, context: context)
        } else {
            renderList(into: &canvas, area: inside, context: context)
        }
    }

    /// The number of event rows the list shows in a pane of `area` (the frame included):
    /// what PgUp/PgDn move by.
    public func pageSize(for area: Rect) -> Int {
        max(1, area.height - 2 - 1 - (filterField.isVisible ? 1 : 0))
    }

    /// Column widths for seq, time, actor, action, outcome; target takes the rest (or is
    /// dropped below 60 columns).
    static func columns(width: Int) -> (seq: Int, time: Int, actor: Int, action: Int, outcome: Int, target: Int) {
        let seq = 6
        let time = 8
        let actor = width >= 100 ? 14 : 10
        let action = width >= 100 ? 20 : 16
        let outcome = width >= 60 ? 10 : 7
        let fixed = seq + time + actor + action + outcome + 5
        return (seq, time, actor, action, outcome, max(0, width - fixed - 1))
    }

    static func row(seq: String, time: String, actor: String, action: String, target: String, outcome: String, width: Int) -> String {
        let c = columns(width: width)
        var line = String(repeating: " ", count: max(0, c.seq - TextWidth.width(of: seq))) + TextWidth.truncate(seq, to: c.seq)
        line += " " + TextWidth.fit(time, to: c.time) + " " + TextWidth.fit(actor, to: c.actor) + " " + TextWidth.fit(action, to: c.action)
        line += " " + TextWidth.fit(outcome, to: c.outcome)
        if c.target > 0 { line += " " + TextWidth.fit(target, to: c.target) }
        return TextWidth.fit(line, to: width)
    }

    static func clock(_ time: Timestamp, utcOffsetSeconds: Int) -> String {
        let shifted = time.adding(milliseconds: Int64(utcOffsetSeconds) * 1000).iso8601
        return String(shifted.dropFirst(11).prefix(8))
    }

    static func outcomeRole(_ outcome: String) -> ThemeRole {
        if outcome == "ok" { return .ok }
        if outcome == "denied" { return .warn }
        return .error
    }

    private func renderList(into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        var y = canvas.filterLine(filterField, in: area).y
        let header = Self.row(seq: "SEQ", time: "TIME", actor: "ACTOR", action: "ACTION", target: "TARGET", outcome: "OUTCOME", width: area.width)
        canvas.put(header, x: area.x, y: y, style: Style(.dim, [.bold]), clip: area)
        y += 1
        let rowsArea = Rect(x: area.x, y: y, width: area.width, height: area.maxY - y)
        guard !rowsArea.isEmpty else { return }
        let visible = visibleEvents
        if visible.isEmpty {
            let text =
                !hasLoaded ? "Waiting for the server…" : filter.isEmpty ? "No audit events yet" : "No events match /" + Sanitizer.clean(filter)
            canvas.centered([(text, Style(.dim))], in: rowsArea)
            return
        }
        for (index, event, offset) in ScrollWindow.rows(visible, selected: selected, height: rowsArea.height) {
            let line = Self.row(
                seq: String(event.seq),
                time: Self.clock(event.time, utcOffsetSeconds: context.utcOffsetSeconds),
                actor: Sanitizer.clean(event.actor),
                action: Sanitizer.clean(event.action),
                target: Sanitizer.clean(event.target ?? ""),
                outcome: Sanitizer.clean(event.outcome),
                width: rowsArea.width
            )
            let rowY = rowsArea.y + offset
            if index == selected && context.focused {
                canvas.put(line, x: rowsArea.x, y: rowY, style: Style(.selection, on: .selection), clip: rowsArea)
            } else {
                let base = context.stale ? Style(.stale) : Style(.text)
                canvas.put(line, x: rowsArea.x, y: rowY, style: base, clip: rowsArea)
                let c = Self.columns(width: rowsArea.width)
                let outcomeX = rowsArea.x + c.seq + c.time + c.actor + c.action + 4
                let outcome = TextWidth.fit(Sanitizer.clean(event.outcome), to: c.outcome)
                canvas.put(outcome, x: outcomeX, y: rowY, style: context.stale ? base : Style(Self.outcomeRole(event.outcome)), clip: rowsArea)
            }
        }
    }

    /// Every field of the event, then the summary as indented JSON.
    static func detailLines(_ event: AuditEvent) -> [(label: String, value: String)] {
        var lines: [(String, String)] = [
            ("seq", String(event.seq)),
            ("time", event.time.iso8601),
            ("actor", Sanitizer.clean(event.actor)),
            ("role", event.role?.rawValue ?? "-"),
            ("action", Sanitizer.clean(event.action)),
            ("target", Sanitizer.clean(event.target ?? "-")),
            ("outcome", Sanitizer.clean(event.outcome)),
            ("request", Sanitizer.clean(event.requestID ?? "-")),
            ("client", Sanitizer.clean(event.clientAddress ?? "-")),
            ("prev hash", Sanitizer.clean(event.prevHash)),
            ("hash", Sanitizer.clean(event.hash)),
            ("summary", ""),
        ]
        lines += JSONPretty.lines(event.summary).map { ("", Sanitizer.clean($0)) }
        return lines
    }

    private func renderDetail(_ event: AuditEvent, into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        let title = "Event #\(event.seq)  (Esc closes)"
        canvas.put(TextWidth.fit(title, to: area.width), x: area.x, y: area.y, style: Style(.accent, [.bold]), clip: area)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let lines = Self.detailLines(event)
        let scroll = min(detail?.scroll ?? 0, max(0, lines.count - body.height))
        for (offset, line) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
            let y = body.y + offset
            let labelWidth = 10
            if !line.label.isEmpty {
                canvas.put(TextWidth.fit(line.label, to: labelWidth), x: body.x, y: y, style: Style(.dim), clip: body)
            }
            let style = context.stale ? Style(.stale) : line.label == "outcome" ? Style(Self.outcomeRole(line.value)) : Style(.text)
            canvas.put(line.value, x: body.x + labelWidth + 1, y: y, style: style, clip: body)
        }
    }
}
