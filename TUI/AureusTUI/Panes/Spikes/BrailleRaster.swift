/// A dot grid drawn with braille characters: each terminal cell is U+2800 plus eight dot bits
/// covering 2 columns × 4 rows of dots, which is how the spike raster fits hundreds of
/// channels (4 per text row) and twice the time resolution of the cell grid.
///
/// Dot numbering follows Unicode: the left column top→bottom is dots 1, 2, 3, 7
/// (bits 0x01, 0x02, 0x04, 0x40), the right column dots 4, 5, 6, 8 (0x08, 0x10, 0x20, 0x80).
///
/// ```swift
/// var grid = BrailleRaster(columns: 2, rows: 1)
/// grid.set(dotX: 0, dotY: 0)       // top-left dot of cell 0
/// grid.character(column: 0, row: 0) // "⠁"
/// ```
/// - Important: the grid is reused between frames (`reset(columns:rows:)` keeps capacity), so a
///   redraw allocates nothing once the pane's size is stable.
public struct BrailleRaster: Hashable, Sendable {
    public private(set) var columns: Int
    public private(set) var rows: Int
    private var bits: [UInt8]

    /// The bit of dot (`dx`, `dy`) inside one cell, `dx` in 0...1 and `dy` in 0...3.
    public static func bit(dx: Int, dy: Int) -> UInt8 {
        switch (dx, dy) {
        case (0, 0): 0x01
        case (0, 1): 0x02
        case (0, 2): 0x04
        case (0, 3): 0x40
        case (1, 0): 0x08
        case (1, 1): 0x10
        case (1, 2): 0x20
        case (1, 3): 0x80
        default: 0
        }
    }

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = [UInt8](repeating: 0, count: self.columns * self.rows)
    }

    /// Dots across and down.
    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    /// Clears every dot and changes the size, keeping the buffer.
    public mutating func reset(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        let count = self.columns * self.rows
        bits.removeAll(keepingCapacity: true)
        bits.append(contentsOf: repeatElement(0, count: count))
    }

    /// Lights dot (`dotX`, `dotY`); dots outside the grid are ignored.
    public mutating func set(dotX: Int, dotY: Int) {
        guard dotX >= 0, dotY >= 0, dotX < dotWidth, dotY < dotHeight else { return }
        bits[(dotY >> 2) * columns + (dotX >> 1)] |= Self.bit(dx: dotX & 1, dy: dotY & 3)
    }

    /// Lights the dots of column `dotX` from `fromY` to `toY` (either order): a vertical stroke,
    /// which joins consecutive points of a line plot.
    public mutating func stroke(dotX: Int, fromY: Int, toY: Int) {
        for y in min(fromY, toY)...max(fromY, toY) { set(dotX: dotX, dotY: y) }
    }

    /// The dot bits of cell (`column`, `row`); 0 outside the grid.
    public func cellBits(column: Int, row: Int) -> UInt8 {
        guard column >= 0, row >= 0, column < columns, row < rows else { return 0 }
        return bits[row * columns + column]
    }

    /// The braille character of cell (`column`, `row`) (U+2800, blank, when no dot is lit).
    public func character(column: Int, row: Int) -> Character {
        Character(Unicode.Scalar(0x2800 + UInt32(cellBits(column: column, row: row)))!)
    }

    /// Whether any dot of row `row` is lit (lets a renderer skip blank rows).
    public func rowIsEmpty(_ row: Int) -> Bool {
        guard row >= 0, row < rows else { return true }
        let start = row * columns
        return bits[start..<start + columns].allSatisfy { $0 == 0 }
    }
}
