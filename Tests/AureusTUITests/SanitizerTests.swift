import Testing

@testable import AureusTUI

@Suite struct SanitizerTests {
    @Test(
        arguments: [
            ("plain text", "plain text"),
            ("tab\there", "tab here"),
            ("line\nbreak", "line⏎break"),
            ("crlf\r\nend", "crlf⏎end"),
            ("bell\u{07}null\u{00}del\u{7F}", "bellnulldel"),
            ("red \u{1B}[31mtext\u{1B}[0m", "red text"),
            ("clear\u{1B}[2J\u{1B}[H!", "clear!"),
            ("title \u{1B}]0;pwned\u{07}after", "title after"),
            ("clip \u{1B}]52;c;ZXZpbA==\u{1B}\\done", "clip done"),
            ("dcs \u{1B}Pq#0;2;0;0;0\u{1B}\\ok", "dcs ok"),
            ("c1 csi \u{9B}31mx", "c1 csi x"),
            ("c1 osc \u{9D}0;t\u{9C}y", "c1 osc y"),
            ("charset \u{1B}(Bz", "charset z"),
            ("save \u{1B}7cursor", "save cursor"),
            ("bidi \u{202E}evil\u{202C} \u{2066}iso\u{2069}", "bidi evil iso"),
            ("trailing esc \u{1B}", "trailing esc "),
            ("unterminated \u{1B}]0;title", "unterminated "),
            ("日本 ok ✓ 👍", "日本 ok ✓ 👍"),
        ] as [(String, String)]
    )
    func cleans(input: String, expected: String) {
        #expect(Sanitizer.clean(input) == expected)
    }

    @Test func keepsNewlinesWhenAsked() {
        #expect(Sanitizer.clean("a\nb\r\nc", keepNewlines: true) == "a\nb\nc")
    }

    @Test func cleanOutputHasNoControlCharacters() {
        var hostile = ""
        for value in 0..<0xA0 { hostile.unicodeScalars.append(Unicode.Scalar(value)!) }
        let cleaned = Sanitizer.clean(hostile + "\u{1B}[1;31mX")
        #expect(!cleaned.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(Sanitizer.isClean(cleaned))
        #expect(!Sanitizer.isClean("a\u{1B}[0m"))
    }
}
