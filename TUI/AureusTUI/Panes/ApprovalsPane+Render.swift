import AureusProtocol

extension ApprovalsPane {
    public func render(into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        let inside = canvas.paneFrame(self, area: area, context: context)
        guard !inside.isEmpty else { return }
        // The reason prompt lives in the pane; the high-risk confirmation is a dialog (`Screen`).
        let promptLines: [(text: String, style: Style, cursorColumn: Int?)]
        if case .reason = prompt { promptLines = self.promptLines(width: inside.width) } else { promptLines = [] }
        let body = Rect(x: inside.x, y: inside.y, width: inside.width, height: max(0, inside.height - promptLines.count))
        if let item = detailItem {
            renderDetail(item, into: &canvas, area: body, context: context)
        } else {
            renderList(into: &canvas, area: body, context: context)
        }
        renderPrompt(promptLines, into: &canvas, area: inside)
    }

    /// "59m12s", "1h02m", "8s"; "expired" once the deadline passed.
    static func countdown(until deadline: Timestamp, now: Timestamp) -> String {
        let seconds = (deadline.milliseconds - now.milliseconds) / 1000
        guard seconds > 0 else { return "expired" }
        if seconds >= 3600 { return "\(seconds / 3600)h" + pad2(seconds % 3600 / 60) + "m" }
        if seconds >= 60 { return "\(seconds / 60)m" + pad2(seconds % 60) + "s" }
        return "\(seconds)s"
    }

    private static func pad2(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func riskRole(_ risk: String) -> ThemeRole {
        switch risk {
        case "high": .riskHigh
        case "medium": .riskMedium
        default: .riskLow
        }
    }

    static func row(risk: String, ttl: String, quorum: String, type: String, submitter: String, reason: String, width: Int) -> String {
        var line = TextWidth.fit(risk, to: 6) + " " + TextWidth.fit(ttl, to: 7) + " " + TextWidth.fit(quorum, to: 6)
        line += " " + TextWidth.fit(type, to: width >= 70 ? 12 : 9) + " " + TextWidth.fit(submitter, to: width >= 70 ? 10 : 8)
        line += " " + reason
        return TextWidth.fit(line, to: width)
    }

    /// A one-line description of the payload's fields: `amount=25000 currency=EUR …`.
    static func payloadSummary(_ payload: JSONValue) -> String {
        guard let members = payload.objectValue else { return JSONPretty.scalar(payload) }
        return members.keys.sorted().map { key in
            let value = members[key] ?? .null
            switch value {
            case .string(let text): return "\(key)=\(text)"
            case .object, .array: return "\(key)=…"
            default: return "\(key)=\(JSONPretty.scalar(value))"
            }
        }.joined(separator: " ")
    }

    private func renderList(into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        guard !area.isEmpty else { return }
        let header = Self.row(risk: "RISK", ttl: "TTL", quorum: "QUORUM", type: "TYPE", submitter: "BY", reason: "REASON", width: area.width)
        canvas.put(header, x: area.x, y: area.y, style: Style(.dim, [.bold]), clip: area)
        var rows = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if !canDecide && hasLoaded && rows.height > 1 {
            let footer = "read-only: your role cannot decide"
            canvas.put(TextWidth.fit(footer, to: area.width), x: area.x, y: rows.maxY - 1, style: Style(.dim), clip: area)
            rows = Rect(x: rows.x, y: rows.y, width: rows.width, height: rows.height - 1)
        }
        guard !rows.isEmpty else { return }
        let items = queue
        if items.isEmpty {
            canvas.centered([(hasLoaded ? "No pending requests" : "Waiting for the server…", Style(.dim))], in: rows)
            return
        }
        for (index, item, offset) in ScrollWindow.rows(items, selected: selected, height: rows.height) {
            let sending = inFlight.contains(item.id)
            let line = Self.row(
                risk: item.risk.uppercased(),
                ttl: Self.countdown(until: item.expiresAt, now: context.now),
                quorum: sending ? "sent…" : "\(item.approvals)/\(item.requiredApprovals)",
                type: Sanitizer.clean(item.type),
                submitter: Sanitizer.clean(item.submitter),
                reason: Sanitizer.clean(item.reason),
                width: rows.width
            )
            let y = rows.y + offset
            if index == selected && context.focused {
                canvas.put(line, x: rows.x, y: y, style: Style(.selection, on: .selection), clip: rows)
            } else {
                canvas.put(line, x: rows.x, y: y, style: context.stale ? Style(.stale) : Style(.text), clip: rows)
                let riskText = TextWidth.fit(item.risk.uppercased(), to: 6)
                canvas.put(riskText, x: rows.x, y: y, style: context.stale ? Style(.stale) : Style(Self.riskRole(item.risk)), clip: rows)
            }
        }
    }

    static func detailLines(_ item: ApprovalInfo, now: Timestamp) -> [(label: String, value: String)] {
        var lines: [(String, String)] = [
            ("request", Sanitizer.clean(item.id)),
            ("type", Sanitizer.clean(item.type)),
            ("risk", item.risk + (item.rule.map { "  (rule " + Sanitizer.clean($0) + ")" } ?? "  (default)")),
            ("status", item.status),
            ("quorum", "\(item.approvals) of \(item.requiredApprovals) approvals"),
            ("expires", item.expiresAt.iso8601 + "  (" + countdown(until: item.expiresAt, now: now) + ")"),
            ("submitter", Sanitizer.clean(item.submitter)),
            ("reason", Sanitizer.clean(item.reason)),
            ("sha-256", item.payloadSHA256),
        ]
        for decision in item.decisions {
            let why = decision.reason.map { ": " + Sanitizer.clean($0) } ?? ""
            lines.append(("decision", Sanitizer.clean(decision.approverID) + " " + decision.decision + why))
        }
        lines.append(("payload", ""))
        lines += JSONPretty.lines(item.payload).map { ("", Sanitizer.clean($0)) }
        return lines
    }

    private func renderDetail(_ item: ApprovalInfo, into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        guard !area.isEmpty else { return }
        let title = "\(item.risk.uppercased()) \(Sanitizer.clean(item.type))  (Esc closes)"
        canvas.put(TextWidth.fit(title, to: area.width), x: area.x, y: area.y, style: Style(Self.riskRole(item.risk), [.bold]), clip: area)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        let lines = Self.detailLines(item, now: context.now)
        let scroll = min(detail?.scroll ?? 0, max(0, lines.count - body.height))
        for (offset, line) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
            let y = body.y + offset
            if !line.label.isEmpty { canvas.put(TextWidth.fit(line.label, to: 10), x: body.x, y: y, style: Style(.dim), clip: body) }
            canvas.put(line.value, x: body.x + 11, y: y, style: context.stale ? Style(.stale) : Style(.text), clip: body)
        }
    }

    /// The prompt's lines (bottom of the pane), and where the cursor goes in the first one.
    /// High-risk confirmations wrap so the whole request summary stays readable in a small pane.
    func promptLines(width: Int) -> [(text: String, style: Style, cursorColumn: Int?)] {
        switch prompt {
        case nil:
            return []
        case .reason(let id, let verdict, let editor):
            let label = "Reason to \(verdict) \(Sanitizer.clean(id)): "
            return [(label + Sanitizer.clean(editor.text), Style(.accent, [.bold]), TextWidth.width(of: label) + editor.cursorColumn)]
        case .confirm(let id, let verdict, let reason):
            guard let item = pending[id] else { return [] }
            let summary = "\(item.risk.uppercased()) \(Sanitizer.clean(item.type)) \(Sanitizer.clean(Self.payloadSummary(item.payload)))"
            let detail =
                "\(Sanitizer.clean(id)) by \(Sanitizer.clean(item.submitter)) · \(item.approvals)/\(item.requiredApprovals) · reason: \(Sanitizer.clean(reason ?? "-"))"
            let question = (verdict == "approve" ? "Approve" : "Reject") + " this high-risk request? y/N"
            return TextWidth.wrap(summary, to: width).map { ($0, Style(.riskHigh, [.bold]), nil) }
                + TextWidth.wrap(detail, to: width).map { ($0, Style(.text), nil) }
                + TextWidth.wrap(question, to: width).map { ($0, Style(.warn, [.bold]), nil) }
        }
    }

    private func renderPrompt(_ lines: [(text: String, style: Style, cursorColumn: Int?)], into canvas: inout Canvas, area: Rect) {
        guard !lines.isEmpty else { return }
        let top = max(area.y, area.maxY - lines.count)
        for (offset, line) in lines.enumerated() where top + offset < area.maxY {
            let y = top + offset
            canvas.put(String(repeating: " ", count: area.width), x: area.x, y: y, style: Style(.text), clip: area)
            canvas.put(TextWidth.fit(line.text, to: area.width), x: area.x, y: y, style: line.style, clip: area)
            if let column = line.cursorColumn { canvas.cursor = (area.x + min(column, area.width - 1), y) }
        }
    }
}
