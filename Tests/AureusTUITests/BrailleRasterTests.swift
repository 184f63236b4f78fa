import Testing

@testable import AureusTUI

/// The braille dot arithmetic: Unicode's dot numbering, cells, strokes, reuse.
@Suite struct BrailleRasterTests {
    @Test func dotBitsFollowUnicodeNumbering() {
        // Left column dots 1, 2, 3, 7; right column dots 4, 5, 6, 8.
        #expect((0..<4).map { BrailleRaster.bit(dx: 0, dy: $0) } == [0x01, 0x02, 0x04, 0x40])
        #expect((0..<4).map { BrailleRaster.bit(dx: 1, dy: $0) } == [0x08, 0x10, 0x20, 0x80])
        #expect(BrailleRaster.bit(dx: 2, dy: 0) == 0)
    }

    @Test func eachDotLandsInItsCell() {
        var grid = BrailleRaster(columns: 2, rows: 2)
        grid.set(dotX: 0, dotY: 0)
        #expect(grid.character(column: 0, row: 0) == "⠁")
        grid.set(dotX: 1, dotY: 3)
        #expect(grid.character(column: 0, row: 0) == "⢁")
        grid.set(dotX: 3, dotY: 7)
        #expect(grid.character(column: 1, row: 1) == "⢀")
        grid.set(dotX: 2, dotY: 4)
        #expect(grid.character(column: 1, row: 1) == "⢁")
        #expect(grid.character(column: 1, row: 0) == "\u{2800}")
        // Every dot of a cell lit is U+28FF.
        for x in 0..<2 { for y in 0..<4 { grid.set(dotX: x, dotY: 4 + y) } }
        #expect(grid.character(column: 0, row: 1) == "⣿")
    }

    @Test func dotsOutsideTheGridAreIgnored() {
        var grid = BrailleRaster(columns: 1, rows: 1)
        grid.set(dotX: 2, dotY: 0)
        grid.set(dotX: 0, dotY: 4)
        grid.set(dotX: -1, dotY: 0)
        #expect(grid.rowIsEmpty(0))
        #expect(grid.cellBits(column: 5, row: 5) == 0)
    }

    @Test func strokeJoinsRowsOfOneColumn() {
        var grid = BrailleRaster(columns: 1, rows: 2)
        grid.stroke(dotX: 1, fromY: 6, toY: 2)
        #expect(grid.cellBits(column: 0, row: 0) == 0x20 | 0x80)
        #expect(grid.cellBits(column: 0, row: 1) == 0x08 | 0x10 | 0x20)
    }

    @Test func resetClearsAndResizes() {
        var grid = BrailleRaster(columns: 3, rows: 1)
        grid.set(dotX: 5, dotY: 3)
        grid.reset(columns: 2, rows: 2)
        #expect(grid.dotWidth == 4 && grid.dotHeight == 8)
        #expect(grid.rowIsEmpty(0) && grid.rowIsEmpty(1))
    }
}
