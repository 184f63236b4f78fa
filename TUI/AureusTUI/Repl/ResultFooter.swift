/// The lines under a result: where you are ("rows 1–40 of 500+ (more)"), timing and the
/// evidence id, then notices that must not be missed (truncation, dropped rows, masking).
public enum ResultFooter {
    /// The summary line. `columns` is the range of columns on screen, nil when all are.
    public static func summary(
        _ window: ResultWindow,
        top: Int,
        visible: Int,
        expanded: Bool,
        showTiming: Bool,
        columns: ClosedRange<Int>?
    ) -> String {
        var parts: [String] = []
        let more = window.hasMore ? "+ (more)" : ""
        let total = NumberText.grouped(window.endIndex) + more
        if window.rows.isEmpty {
            parts.append(window.hasMore ? "no rows yet" : "0 rows")
        } else if expanded {
            parts.append("record \(NumberText.grouped(top + 1)) of \(total)")
        } else {
            let last = min(top + visible, window.endIndex)
            parts.append("rows \(NumberText.grouped(top + 1))–\(NumberText.grouped(last)) of \(total)")
        }
        if window.fetching { parts.append("fetching…") }
        if let stopped = window.stopped { parts.append(stopped) }
        if let columns { parts.append("cols \(columns.lowerBound + 1)–\(columns.upperBound + 1) of \(window.columns.count) (h/l)") }
        if let caption = window.caption { parts.append(caption) }
        if showTiming, let server = window.serverMilliseconds {
            var timing = NumberText.milliseconds(server) + " server"
            if let total = window.totalMilliseconds { timing += " · " + NumberText.milliseconds(total) + " total" }
            parts.append(timing)
        }
        if let evidence = window.evidenceID, !evidence.isEmpty { parts.append("evidence " + Sanitizer.clean(evidence)) }
        return parts.joined(separator: " · ")
    }

    /// Notices, each on its own line, with the role to draw it in.
    public static func notices(_ window: ResultWindow) -> [(text: String, role: ThemeRole)] {
        var notices: [(text: String, role: ThemeRole)] = []
        if window.truncated {
            notices.append(("result truncated at the \(NumberText.grouped(window.rowLimit))-row limit for your role", .warn))
        }
        if window.droppedCount > 0 {
            notices.append(("rows before \(NumberText.grouped(window.firstIndex + 1)) dropped; \\o exports everything", .warn))
        }
        let masked = window.masking.filter { $0.value != "none" }.sorted { $0.key < $1.key }
        if !masked.isEmpty {
            let list = masked.map { "\(Sanitizer.clean($0.key)) (\(Sanitizer.clean($0.value)))" }.joined(separator: ", ")
            notices.append(("masked for your role: " + list, .dim))
        }
        return notices
    }
}
