/// The `/` filter shared by list panes (audit, rates): the active text and, while the user
/// types, its line editor. Typing narrows the list live; Enter keeps the text, Esc clears it.
///
/// One value type so every list filters the same way: a case-insensitive substring test
/// against the fields the pane names.
public struct FilterField: Hashable, Sendable {
    /// The active filter; empty means everything passes.
    public private(set) var text = ""
    /// Non-nil while the user is typing.
    public private(set) var editor: LineEditor?

    public init(_ text: String = "") { self.text = text }

    public var isEditing: Bool { editor != nil }
    /// True when the pane must show the filter line (typing, or a filter applied).
    public var isVisible: Bool { editor != nil || !text.isEmpty }

    /// Starts typing, with the current text in the editor (`/`).
    public mutating func begin() { editor = LineEditor(text) }

    /// Feeds a key to the editor while typing; the filter follows every keystroke.
    public mutating func edit(_ key: Key) {
        guard var current = editor else { return }
        switch current.handle(key) {
        case .editing:
            editor = current
            text = current.text
        case .submitted(let value):
            editor = nil
            text = value
        case .cancelled:
            editor = nil
            text = ""
        }
    }

    /// Replaces the filter outright (`:filter TEXT`) and stops any typing.
    public mutating func set(_ value: String) {
        editor = nil
        text = value
    }

    /// Whether any of `fields` contains the filter, ignoring case.
    public func matches(_ fields: [String]) -> Bool {
        guard !text.isEmpty else { return true }
        let needle = text.lowercased()
        return fields.contains { $0.lowercased().contains(needle) }
    }
}

extension Canvas {
    /// Draws the filter line ("/text") across `area`'s first row, with the cursor while typing,
    /// and returns the rows below it; returns `area` unchanged when no filter is shown.
    mutating func filterLine(_ field: FilterField, in area: Rect) -> Rect {
        guard field.isVisible, !area.isEmpty else { return area }
        put(TextWidth.fit("/" + Sanitizer.clean(field.text), to: area.width), x: area.x, y: area.y, style: Style(.accent), clip: area)
        if let editor = field.editor { cursor = (area.x + 1 + editor.cursorColumn, area.y) }
        return Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    }
}
