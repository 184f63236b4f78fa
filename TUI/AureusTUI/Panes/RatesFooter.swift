import AureusProtocol

/// The rates pane's bottom lines: ingest totals, then rejection counters, each rejection in
/// the theme's warn or error role when non-zero (dim when zero, so trouble stands out).
///
/// It picks the first form that fits the width and the lines it may use: one line with full
/// labels, one with short labels, two lines with full then short labels, and as a last resort
/// the totals with a single "rej N" sum (a 40-column pane at 80×24 has room for no more).
struct RatesFooter {
    struct Item {
        var label: String
        var short: String
        var value: Int64
        /// nil for totals; the role a non-zero rejection is drawn in.
        var alert: ThemeRole?
    }

    typealias Piece = (text: String, style: Style)

    let totals: [Item]
    let rejections: [Item]
    let stale: Bool

    init(_ snapshot: RatesSnapshot, stale: Bool) {
        let t = snapshot.totals
        let r = snapshot.rejections
        totals = [
            Item(label: "accepted", short: "acc", value: t.accepted),
            Item(label: "stored", short: "sto", value: t.stored),
            Item(label: "samples", short: "smp", value: t.samples),
        ]
        // Auth failures may be an attack and overload loses data: errors. The rest are
        // client mistakes or harmless retries: warnings.
        rejections = [
            Item(label: "auth", short: "auth", value: r.authFailures, alert: .error),
            Item(label: "dup", short: "dup", value: r.duplicates, alert: .warn),
            Item(label: "overload", short: "ovl", value: r.overload, alert: .error),
            Item(label: "malformed", short: "malf", value: r.malformed, alert: .warn),
            Item(label: "too large", short: "big", value: r.tooLarge, alert: .warn),
            Item(label: "unknown", short: "unk", value: r.unknownSource, alert: .warn),
        ]
        self.stale = stale
    }

    /// The lines to draw in `width` columns, at most `maxLines` of them (at least one).
    func lines(width: Int, maxLines: Int) -> [[Piece]] {
        let separator: [Piece] = [(" │ ", Style(.border))]
        let rejectedLabel: [Piece] = [("rejected ", Style(.dim))]
        let candidates: [[[Piece]]] = [
            [pieces(totals, short: false) + separator + rejectedLabel + pieces(rejections, short: false)],
            [pieces(totals, short: true) + separator + pieces(rejections, short: true)],
            [pieces(totals, short: false), rejectedLabel + pieces(rejections, short: false)],
            [pieces(totals, short: true), pieces(rejections, short: true)],
        ]
        for candidate in candidates where candidate.count <= max(1, maxLines) {
            if candidate.allSatisfy({ Self.width(of: $0) <= width }) { return candidate }
        }
        let sum = Item(label: "rej", short: "rej", value: rejections.reduce(0) { $0 + $1.value }, alert: worstAlert)
        return [pieces(totals, short: true) + separator + pieces([sum], short: true)]
    }

    /// The strongest role among non-zero rejections (error over warn).
    private var worstAlert: ThemeRole? {
        let active = rejections.filter { $0.value > 0 }.compactMap(\.alert)
        return active.contains(.error) ? .error : active.first
    }

    private func pieces(_ items: [Item], short: Bool) -> [Piece] {
        var out: [Piece] = []
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(("  ", Style(.text))) }
            out.append(((short ? item.short : item.label) + " ", Style(.dim)))
            out.append((RateFormat.count(item.value), valueStyle(item)))
        }
        return out
    }

    private func valueStyle(_ item: Item) -> Style {
        if stale { return Style(.stale) }
        guard let alert = item.alert else { return Style(.text) }
        return item.value > 0 ? Style(alert, [.bold]) : Style(.dim)
    }

    static func width(of line: [Piece]) -> Int { line.reduce(0) { $0 + TextWidth.width(of: $1.text) } }
}

extension Canvas {
    /// Writes a line of styled pieces from `x`, clipped to `clip`.
    mutating func put(pieces: [RatesFooter.Piece], x: Int, y: Int, clip: Rect) {
        var column = x
        for piece in pieces { column = put(piece.text, x: column, y: y, style: piece.style, clip: clip) }
    }
}
