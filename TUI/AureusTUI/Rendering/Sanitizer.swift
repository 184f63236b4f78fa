/// Makes text from the server safe to draw: no terminal control sequences survive.
///
/// Why: a username or audit target is attacker-controlled, and an embedded ESC sequence could
/// move the cursor, recolour or retitle the terminal, or write the clipboard (OSC 52); see
/// planetscale/cli#1306. Everything the server sends goes through `clean(_:)` before it
/// reaches a `Canvas`.
/// - C0 controls (U+0000–U+001F except tab), DEL and C1 controls (U+0080–U+009F) are removed;
///   tab becomes a space and newlines become a visible `⏎` unless `keepNewlines` is set.
/// - ESC starts a sequence that is dropped whole: CSI (`ESC [` … final byte 0x40–0x7E),
///   OSC/DCS/SOS/PM/APC (`ESC ]`, `P`, `X`, `^`, `_` … up to BEL or `ESC \`), or a two-byte escape.
///   The 8-bit forms (U+009B CSI, U+009D OSC, U+0090 DCS …) are treated the same way.
/// - Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) and U+061C are removed so
///   text cannot be visually reordered ("Trojan Source").
public enum Sanitizer {
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        var output = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            let value = scalar.value
            switch value {
            case 0x1B:
                skipEscape(&scalars)
            case 0x9B:
                skipCSI(&scalars)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                skipString(&scalars)
            case 0x09:
                output.append(" ")
            case 0x0A, 0x0D:
                if keepNewlines {
                    if value == 0x0A { output.append("\n") }
                } else if value == 0x0A || scalars.first?.value != 0x0A {
                    output.append("⏎")
                }
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0x200E, 0x200F:
                continue
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Whether `text` would come out of `clean` unchanged.
    public static func isClean(_ text: String) -> Bool { clean(text, keepNewlines: true) == text }

    private static func skipEscape(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        guard let next = scalars.popFirst() else { return }
        switch next {
        case "[": skipCSI(&scalars)
        case "]", "P", "X", "^", "_": skipString(&scalars)
        default:
            // Two-byte escapes (ESC 7, ESC c …) and nF sequences (ESC ( B): drop intermediates too.
            if (0x20...0x2F).contains(next.value) {
                while let first = scalars.first, (0x20...0x2F).contains(first.value) { scalars.removeFirst() }
                if !scalars.isEmpty { scalars.removeFirst() }
            }
        }
    }

    /// CSI: parameter and intermediate bytes, then one final byte 0x40–0x7E.
    private static func skipCSI(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        while let scalar = scalars.popFirst() {
            if (0x40...0x7E).contains(scalar.value) { return }
            if !(0x20...0x3F).contains(scalar.value) { return }
        }
    }

    /// OSC/DCS/…: everything up to BEL, ST (U+009C) or `ESC \`.
    private static func skipString(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        while let scalar = scalars.popFirst() {
            switch scalar.value {
            case 0x07, 0x9C: return
            case 0x1B:
                if scalars.first == "\\" { scalars.removeFirst() }
                return
            default: continue
            }
        }
    }
}
