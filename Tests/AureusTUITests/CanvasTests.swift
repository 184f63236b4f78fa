import Testing

@testable import AureusTUI

@Suite struct CanvasTests {
    @Test func putWritesTextAndReturnsNextColumn() {
        var canvas = Canvas(width: 10, height: 2)
        let end = canvas.put("hello", x: 2, y: 1)
        #expect(end == 7)
        #expect(canvas.rows == ["          ", "  hello   "])
    }

    @Test func putClipsToCanvasAndClipRect() {
        var canvas = Canvas(width: 8, height: 1)
        canvas.put("abcdefghij", x: -2, y: 0)
        #expect(canvas.rows == ["cdefghij"])
        var clipped = Canvas(width: 8, height: 2)
        clipped.put("abcdef", x: 0, y: 0, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        clipped.put("zzz", x: 0, y: 1, clip: Rect(x: 0, y: 0, width: 8, height: 1))
        #expect(clipped.rows == ["  cde   ", "        "])
    }

    @Test func wideCharactersTakeTwoCells() {
        var canvas = Canvas(width: 6, height: 1)
        let end = canvas.put("日本", x: 0, y: 0)
        #expect(end == 4)
        #expect(canvas[0, 0].width == 2)
        #expect(canvas[1, 0].isContinuation)
        #expect(canvas.rows == ["日本  "])
    }

    @Test func wideCharacterThatDoesNotFitBecomesSpace() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.put("ab日", x: 3, y: 0)
        #expect(canvas.rows == ["   ab"])
        var clipped = Canvas(width: 6, height: 1)
        clipped.put("a日", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 2, height: 1))
        #expect(clipped.rows == ["a     "])
        #expect(clipped[1, 0].width == 1)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("日本", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)
        #expect(canvas.rows == [" x本"])
        canvas.put("y", x: 2, y: 0)
        #expect(canvas.rows == [" xy "])
        #expect(canvas.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func wideCharacterCutByLeftClipLeavesSpace() {
        var canvas = Canvas(width: 4, height: 1, fill: Cell("."))
        canvas.put("日b", x: 0, y: 0, clip: Rect(x: 1, y: 0, width: 3, height: 1))
        #expect(canvas.rows == [". b."])
    }

    @Test func combiningMarksStayWithTheirBase() {
        var canvas = Canvas(width: 4, height: 1)
        let end = canvas.put("e\u{301}x", x: 0, y: 0)
        #expect(end == 2)
        #expect(canvas[0, 0].text == "e\u{301}")
        #expect(canvas.rows == ["e\u{301}x  "])
    }

    @Test func boxDrawsBorderTitleAndNote() {
        var canvas = Canvas(width: 20, height: 3)
        let inside = canvas.box(canvas.bounds, border: .single, style: .plain, title: "Audit", note: "3")
        #expect(inside == Rect(x: 1, y: 1, width: 18, height: 1))
        #expect(canvas.rows == ["┌ Audit ──────── 3 ┐", "│                  │", "└──────────────────┘"])
    }

    @Test func changesListOnlyDifferingCells() {
        var first = Canvas(width: 5, height: 2)
        first.put("abc", x: 0, y: 0)
        var second = first
        second.put("x", x: 1, y: 1)
        let changes = second.changes(from: first)
        #expect(changes.count == 1)
        #expect(changes.first?.x == 1 && changes.first?.y == 1 && changes.first?.cell.text == "x")
        #expect(second.changes(from: nil).count == 10)
        #expect(second.changes(from: Canvas(width: 4, height: 2)).count == 10)
    }

    @Test func layoutDistributesEveryCell() {
        let rows = Layout.rows(Rect(x: 0, y: 0, width: 10, height: 22), [.fixed(1), .weight(1), .weight(2), .weight(1), .fixed(1)])
        #expect(rows.map(\.height) == [1, 5, 10, 5, 1])
        #expect(rows.map(\.height).reduce(0, +) == 22)
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.maxY == $1.y })
        let columns = Layout.columns(Rect(x: 0, y: 0, width: 5, height: 1), [.fixed(8), .weight(1)])
        #expect(columns.map(\.width) == [5, 0])
    }

    @Test func sparklineEncodesTwoSamplesPerCell() {
        #expect(Sparkline.braille([0, 4, 2, nil], maximum: 4) == "\u{28B8}\u{2844}")
        #expect(Sparkline.braille([1, 2, 3]).count == 2)
        #expect(Sparkline.blocks([0, 8, 4], maximum: 8) == " █▄")
    }
}
