/// An in-memory grid of cells that all drawing goes into; the terminal adapter diffs two
/// canvases and writes only what changed (TermKit's design, and the cure for flicker).
///
/// Drawing is clipped: to the canvas always, and to an optional `clip` rect so a pane can
/// never paint outside its box. Wide characters never straddle the clip edge: a wide glyph
/// that does not fit is replaced by a space, and overwriting either half of an existing wide
/// glyph blanks the other half, so the grid never holds half a character.
public struct Canvas: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal should show its cursor (the command line), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set {
            cursorX = newValue?.x
            cursorY = newValue?.y ?? 0
        }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = [Cell](repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, x < width, y >= 0, y < height else { return .blank }
            return cells[y * width + x]
        }
    }

    /// Fills `rect` (clipped to the canvas) with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        fill(rect, with: " ", style: style)
    }

    /// Fills `rect` with a one-column `character`.
    public mutating func fill(_ rect: Rect, with character: Character, style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { set(x, y, Cell(String(character), width: 1, style: style)) }
        }
    }

    /// Writes `text` starting at (`x`, `y`), clipped to `clip` and the canvas, and returns the
    /// column just after the last cell written. Zero-width graphemes are dropped (the grapheme
    /// breaker already attaches combining marks to their base); callers sanitize server text.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return x + TextWidth.width(of: text) }
        var column = x
        for character in text {
            let w = TextWidth.width(of: character)
            if w == 0 { continue }
            if column >= area.maxX { return column + w }
            if column < area.x {
                // Left of the clip: a wide glyph cut in half leaves its right half as a space.
                if w == 2, column + 1 == area.x { set(area.x, y, Cell(" ", style: style)) }
                column += w
                continue
            }
            if w == 2 {
                if column + 1 >= area.maxX {
                    set(column, y, Cell(" ", style: style))
                } else {
                    set(column, y, Cell(String(character), width: 2, style: style))
                    set(column + 1, y, .continuation(style))
                }
            } else {
                set(column, y, Cell(String(character), width: 1, style: style))
            }
            column += w
        }
        return column
    }

    /// Sets one cell, repairing any wide glyph it cuts through.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let index = y * width + x
        let old = cells[index]
        // The old right half is orphaned unless the new cell is itself wide (it rewrites it).
        if old.width == 2, x + 1 < width, cell.width != 2 {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        if old.isContinuation, x > 0, cells[index - 1].width == 2 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        cells[index] = cell
    }

    /// Pastes another canvas with its top-left corner at (`x`, `y`).
    public mutating func blit(_ other: Canvas, x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width {
                let target = (x + column, y + row)
                guard bounds.contains(x: target.0, y: target.1) else { continue }
                set(target.0, target.1, other[column, row])
            }
        }
    }

    public static func == (lhs: Canvas, rhs: Canvas) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells && lhs.cursorX == rhs.cursorX
            && lhs.cursorY == rhs.cursorY
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(cells)
    }
}
