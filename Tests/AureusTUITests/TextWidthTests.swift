import Testing

@testable import AureusTUI

@Suite struct TextWidthTests {
    @Test(
        arguments: [
            ("a", 1), ("~", 1), ("é", 1), ("e\u{301}", 1), ("Ω", 1), ("─", 1), ("⚠", 1),
            ("日", 2), ("한", 2), ("ｱ", 1), ("Ａ", 2), ("。", 2), ("\u{3000}", 2), ("😀", 2), ("🚀", 2),
            ("⚠️", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇩🇪", 2), ("❤︎", 1),
            ("\u{200B}", 0), ("\u{0301}", 0), ("\u{1B}", 0), ("\u{7F}", 0), ("\u{FE0F}", 0),
            ("𠀀", 2), ("ᄀ", 2),
        ] as [(String, Int)]
    )
    func characterWidths(text: String, expected: Int) {
        #expect(TextWidth.width(of: Character(text)) == expected, "width of \(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func stringWidthSumsGraphemes() {
        #expect(TextWidth.width(of: "abc") == 3)
        #expect(TextWidth.width(of: "日本語abc") == 9)
        #expect(TextWidth.width(of: "Cafe\u{301} ☕") == 7)
        #expect(TextWidth.width(of: "") == 0)
    }

    @Test func hangulJamoSequenceIsOneWideCluster() {
        let syllable = "\u{1100}\u{1161}\u{11A8}"
        #expect(syllable.count == 1)
        #expect(TextWidth.width(of: syllable) == 2)
    }

    @Test func tablesAreSortedAndDisjoint() {
        for table in [TextWidth.wideRanges, TextWidth.zeroWidthRanges] {
            #expect(zip(table, table.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
        }
    }

    @Test func truncateNeverSplitsWideCharacters() {
        #expect(TextWidth.truncate("hello world", to: 8) == "hello w…")
        #expect(TextWidth.truncate("日本語テキスト", to: 6) == "日本…")
        #expect(TextWidth.truncate("日本語", to: 6) == "日本語")
        #expect(TextWidth.truncate("abc", to: 0) == "")
        #expect(TextWidth.truncate("abcdef", to: 3, ellipsis: false) == "abc")
        #expect(TextWidth.fit("日本語", to: 5) == "日本…")
        #expect(TextWidth.fit("ab", to: 4) == "ab  ")
        #expect(TextWidth.width(of: TextWidth.fit("日本語テ", to: 6)) == 6)
    }
}
