/// Display width of text in terminal columns, the way xterm-compatible terminals draw it.
///
/// Why not `String.count`: a CJK ideograph or an emoji covers two columns and a combining
/// accent covers none, and getting this wrong is the most reported TUI bug class (lazygit
/// #3514, #1383: borders torn by emoji, CJK not cleared on redraw). Rules, per grapheme:
/// - emoji presentation (Emoji_Presentation, or an emoji followed by VS16 U+FE0F) → 2;
/// - East Asian Wide / Fullwidth base scalar (table below) → 2;
/// - marks, format characters, controls and zero-width joiners → 0;
/// - everything else → 1.
public enum TextWidth {
    /// East Asian Wide (W) and Fullwidth (F) ranges outside emoji, from Unicode 15
    /// EastAsianWidth.txt, merged into contiguous blocks. Sorted; searched by bisection.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun, CJK compatibility
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut
        0x1B000...0x1B2FF,  // Kana supplement, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B–F, compatibility supplement
        0x30000...0x3FFFD,  // CJK extension G–H
    ]

    /// Zero-width scalars that are not marks by general category (Hangul medial vowels and
    /// final consonants combine with the initial; ZWJ/ZWNJ and variation selectors join).
    static let zeroWidthRanges: [ClosedRange<UInt32>] = [
        0x0000...0x001F, 0x007F...0x009F,
        0x1160...0x11FF,
        0x200B...0x200F,
        0x2028...0x202E,
        0x2060...0x206F,
        0xD7B0...0xD7FF,
        0xFE00...0xFE0F,
        0xFEFF...0xFEFF,
        0xE0000...0xE0FFF,
    ]

    static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if value < ranges[mid].lowerBound {
                high = mid - 1
            } else if value > ranges[mid].upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// The width of one scalar on its own.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if contains(zeroWidthRanges, value) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        return contains(wideRanges, value) ? 2 : 1
    }

    /// The width of one grapheme cluster (what one `Character` draws as).
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 {
            if scalars.contains("\u{FE0E}") { return min(1, width(of: first)) }
            if scalars.contains("\u{FE0F}"), first.properties.isEmoji { return 2 }
        }
        var widest = 0
        for scalar in scalars {
            widest = max(widest, width(of: scalar))
            if widest == 2 { break }
        }
        return widest
    }

    /// The width of a whole string: the sum of its graphemes.
    public static func width(of text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// The longest prefix of `text` that fits in `columns`, ending in `…` when cut (and when
    /// `ellipsis` is set and there is room for it). Never splits a wide character.
    public static func truncate(_ text: String, to columns: Int, ellipsis: Bool = true) -> String {
        guard columns > 0 else { return "" }
        if width(of: text) <= columns { return text }
        let budget = ellipsis ? columns - 1 : columns
        var result = ""
        var used = 0
        for character in text {
            let w = width(of: character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        return ellipsis ? result + "…" : result
    }

    /// `text` truncated to `columns` and padded with spaces to exactly that width.
    public static func fit(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        let missing = columns - width(of: cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }

    /// Splits `text` into lines of at most `columns` display columns, breaking at spaces when it
    /// can and inside a word when a word alone is too wide.
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if width(of: candidate) <= columns {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            var rest = word
            while width(of: rest) > columns {
                let head = truncate(rest, to: columns, ellipsis: false)
                lines.append(head)
                rest = String(rest.dropFirst(head.count))
            }
            line = rest
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
