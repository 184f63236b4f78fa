import Testing

@testable import AureusTUI

@Suite struct SQLBufferTests {
    @Test func typingNewlinesAndJoiningLines() {
        var buffer = SQLBuffer()
        for character in "select 1" { buffer.edit(.char(character)) }
        buffer.newline()
        for character in "from t" { buffer.edit(.char(character)) }
        #expect(buffer.text == "select 1\nfrom t")
        #expect(buffer.row == 1 && buffer.column == 6)
        buffer.edit(.home)
        buffer.edit(.backspace)
        #expect(buffer.text == "select 1from t", "Backspace at a line start joins it to the line above")
        #expect(buffer.row == 0 && buffer.column == 8)
        buffer.newline()
        buffer.edit(.left)
        buffer.edit(.delete)
        #expect(buffer.text == "select 1from t", "Delete at a line end joins the next line")
    }

    @Test func cursorMovesAcrossLinesAndWideCharacters() {
        var buffer = SQLBuffer("ab\n日本")
        #expect(buffer.cursorColumn == 4, "two wide characters take four columns")
        buffer.edit(.home)
        buffer.edit(.left)
        #expect(buffer.row == 0 && buffer.column == 2, "left from a line start goes to the end of the line above")
        buffer.edit(.right)
        #expect(buffer.row == 1 && buffer.column == 0)
        buffer.moveLine(by: -1)
        #expect(buffer.row == 0)
    }

    @Test func killKeysAndControlCharacters() {
        var buffer = SQLBuffer("select name from users")
        buffer.edit(.ctrl("w"))
        #expect(buffer.text == "select name from ")
        buffer.edit(.ctrl("w"))
        #expect(buffer.text == "select name ")
        buffer.edit(.ctrl("a"))
        buffer.edit(.ctrl("k"))
        #expect(buffer.isEmpty)
        buffer.insert("a\u{1B}[31mb")
        #expect(buffer.text == "a[31mb", "ESC never enters the buffer")
        buffer.edit(.ctrl("u"))
        #expect(buffer.isEmpty)
        buffer.set("x\u{7}y\nz")
        #expect(buffer.lines == ["xy", "z"])
    }
}
