/// Border glyph sets; a theme picks one (`border = "rounded"` …), `ascii` works anywhere.
public enum BorderStyle: String, Hashable, Sendable, CaseIterable {
    case single
    case rounded
    case heavy
    case double
    case ascii

    /// Corners top-left, top-right, bottom-left, bottom-right, then horizontal and vertical.
    var glyphs: (tl: Character, tr: Character, bl: Character, br: Character, h: Character, v: Character) {
        switch self {
        case .single: ("┌", "┐", "└", "┘", "─", "│")
        case .rounded: ("╭", "╮", "╰", "╯", "─", "│")
        case .heavy: ("┏", "┓", "┗", "┛", "━", "┃")
        case .double: ("╔", "╗", "╚", "╝", "═", "║")
        case .ascii: ("+", "+", "+", "+", "-", "|")
        }
    }
}

extension Canvas {
    /// Draws a frame around `rect` with an optional title in the top edge (" 1 Audit ") and
    /// an optional right-aligned note (e.g. "stale"), and returns the inside rect.
    @discardableResult
    public mutating func box(
        _ rect: Rect,
        border: BorderStyle,
        style: Style,
        title: String = "",
        titleStyle: Style? = nil,
        note: String = "",
        noteStyle: Style? = nil
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = border.glyphs
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), with: g.h, style: style)
        fill(Rect(x: rect.x + 1, y: bottom, width: rect.width - 2, height: 1), with: g.h, style: style)
        fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), with: g.v, style: style)
        fill(Rect(x: right, y: rect.y + 1, width: 1, height: rect.height - 2), with: g.v, style: style)
        put(String(g.tl), x: rect.x, y: rect.y, style: style)
        put(String(g.tr), x: right, y: rect.y, style: style)
        put(String(g.bl), x: rect.x, y: bottom, style: style)
        put(String(g.br), x: right, y: bottom, style: style)
        let edge = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1)
        var noteWidth = 0
        if !note.isEmpty, rect.width > 8 {
            let text = " " + TextWidth.truncate(note, to: max(1, rect.width / 3)) + " "
            noteWidth = TextWidth.width(of: text)
            put(text, x: right - noteWidth, y: rect.y, style: noteStyle ?? style, clip: edge)
        }
        if !title.isEmpty {
            let room = rect.width - 4 - noteWidth
            if room > 2 {
                put(" " + TextWidth.truncate(title, to: room - 2) + " ", x: rect.x + 1, y: rect.y, style: titleStyle ?? style, clip: edge)
            }
        }
        return rect.inset(by: 1)
    }
}
