/// One terminal cell: a grapheme cluster, how many columns it covers, and its style.
///
/// A wide character (CJK, emoji) occupies two cells: the first holds the text with
/// `width == 2`, the second is a *continuation* (`width == 0`, empty text) so the grid keeps
/// one entry per column and the diff can tell when half of a wide glyph was overwritten.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: Int
    public var style: Style

    public init(_ text: String, width: Int = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell(" ")

    public static func continuation(_ style: Style) -> Cell { Cell("", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
