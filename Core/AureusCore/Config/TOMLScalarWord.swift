/// Interprets the unquoted words of TOML values: booleans, integers and floats.
enum TOMLScalarWord {
    static func parse(_ word: String) -> TOMLValue? {
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if let integer = integer(word) { return .integer(integer) }
        if let float = float(word) { return .float(float) }
        return nil
    }

    /// Underscores must sit between digits (`1_000`, not `_1` or `1__0`).
    private static func stripUnderscores(_ digits: Substring) -> Substring? {
        guard !digits.isEmpty, digits.first != "_", digits.last != "_", !digits.contains("__") else { return nil }
        return Substring(digits.filter { $0 != "_" })
    }

    static func integer(_ word: String) -> Int64? {
        var body = Substring(word)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        var radix = 10
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where body.hasPrefix(prefix) {
            guard word.first != "+", word.first != "-" else { return nil }
            radix = base
            body = body.dropFirst(2)
        }
        guard let digits = stripUnderscores(body), digits.allSatisfy({ $0.isHexDigit }) else { return nil }
        if radix == 10, digits.count > 1, digits.first == "0" { return nil }
        guard let magnitude = UInt64(digits, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    static func float(_ word: String) -> Double? {
        guard word.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else { return nil }
        guard let text = stripUnderscores(Substring(word)) else { return nil }
        let allowed = Set("0123456789+-.eE")
        guard text.allSatisfy({ allowed.contains($0) }), text.last != ".", !text.hasPrefix("."), !text.contains(".e"), !text.contains(".E")
        else { return nil }
        return Double(text)
    }

    /// Digits only (after sign and underscores) but too big for Int64.
    static func looksLikeInteger(_ word: String) -> Bool {
        var body = Substring(word)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard let digits = stripUnderscores(body), digits.allSatisfy(\.isASCIIDigit), digits.first != "0" else { return false }
        return integer(word) == nil
    }

    static func looksLikeDate(_ word: String) -> Bool {
        word.count >= 8 && word.prefix(4).allSatisfy(\.isASCIIDigit) && word.dropFirst(4).first == "-"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
