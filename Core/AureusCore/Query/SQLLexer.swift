/// Splits SQL into tokens the way both SQLite and PostgreSQL do, closely enough that what the
/// statement guard sees is what the database will parse.
///
/// It understands `--` and nested `/* */` comments, `'…'` strings with `''` escapes, `E'…'`
/// with backslash escapes, `$tag$…$tag$` dollar quoting, and `"…"`, `` `…` `` and `[…]`
/// identifiers. Anything it cannot close (an unterminated string or comment) is an error rather
/// than a guess: a database that read it differently would be the gap an attacker needs.
public enum SQLLexer {
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public static func tokens(_ sql: String) throws(Failure) -> [SQLToken] {
        let scalars = Array(sql.unicodeScalars)
        var tokens: [SQLToken] = []
        var index = 0
        func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
            index + ahead < scalars.count ? scalars[index + ahead] : nil
        }
        func text(_ range: Range<Int>) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[range])
            return String(out)
        }
        while let scalar = peek() {
            let start = index
            let countBefore = tokens.count
            defer { if tokens.count > countBefore { tokens[tokens.count - 1].end = index } }
            switch scalar {
            case _ where scalar.properties.isWhitespace || scalar == "\u{0}":
                if scalar == "\u{0}" { throw Failure(reason: "NUL character at offset \(start)") }
                index += 1
            case "-" where peek(1) == "-":
                while let next = peek(), next != "\n" { index += 1 }
            case "/" where peek(1) == "*":
                index = try skipBlockComment(scalars, from: index)
            case "'":
                index = try closeQuote(scalars, from: index + 1, quote: "'", backslashEscapes: false, what: "string")
                tokens.append(SQLToken(kind: .string, text: text(start..<index), offset: start))
            case _ where "eExXbBnN".unicodeScalars.contains(scalar) && peek(1) == "'":
                let backslash = scalar == "e" || scalar == "E"
                index = try closeQuote(scalars, from: index + 2, quote: "'", backslashEscapes: backslash, what: "string")
                tokens.append(SQLToken(kind: .string, text: text(start..<index), offset: start))
            case "\"", "`":
                index = try closeQuote(scalars, from: index + 1, quote: scalar, backslashEscapes: false, what: "quoted identifier")
                let quote = String(scalar)
                let inner = text((start + 1)..<(index - 1)).split(separator: quote + quote, omittingEmptySubsequences: false)
                    .joined(separator: quote)
                tokens.append(SQLToken(kind: .quotedIdentifier, text: inner, offset: start))
            case "[":
                guard let close = scalars[index...].firstIndex(of: "]") else {
                    throw Failure(reason: "unterminated [identifier] starting at offset \(start)")
                }
                index = close + 1
                tokens.append(SQLToken(kind: .quotedIdentifier, text: text((start + 1)..<close), offset: start))
            case "$" where isDollarQuoteStart(scalars, at: index):
                index = try closeDollarQuote(scalars, from: index)
                tokens.append(SQLToken(kind: .string, text: text(start..<index), offset: start))
            case ";": tokens.append(single(.semicolon))
            case "(": tokens.append(single(.openParen))
            case ")": tokens.append(single(.closeParen))
            case ",": tokens.append(single(.comma))
            case "." where !(peek(1).map(isDigit) ?? false): tokens.append(single(.dot))
            case _ where isDigit(scalar) || scalar == ".":
                while let next = peek(), isDigit(next) || next == "." || next == "e" || next == "E" || next == "_" {
                    if next == "e" || next == "E", let sign = peek(1), sign == "+" || sign == "-" { index += 1 }
                    index += 1
                }
                tokens.append(SQLToken(kind: .number, text: text(start..<index), offset: start))
            case _ where isWordStart(scalar):
                while let next = peek(), isWordPart(next) { index += 1 }
                tokens.append(SQLToken(kind: .word, text: text(start..<index), offset: start))
            default:
                index += 1
                while let next = peek(), isOperator(next), isOperator(scalar) { index += 1 }
                tokens.append(SQLToken(kind: .symbol, text: text(start..<index), offset: start))
            }

            func single(_ kind: SQLToken.Kind) -> SQLToken {
                index += 1
                return SQLToken(kind: kind, text: String(scalar), offset: start)
            }
        }
        return tokens
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isWordStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        isWordStart(scalar) || isDigit(scalar) || scalar == "$"
    }

    private static func isOperator(_ scalar: Unicode.Scalar) -> Bool {
        "+-*/<>=~!@#%^&|?:".unicodeScalars.contains(scalar)
    }

    /// PostgreSQL nests block comments; SQLite does not, but a nested opener inside a SQLite
    /// comment only makes us demand more closers, which fails safe (an error, not a bypass).
    private static func skipBlockComment(_ scalars: [Unicode.Scalar], from start: Int) throws(Failure) -> Int {
        var depth = 0
        var index = start
        while index < scalars.count {
            if scalars[index] == "/", index + 1 < scalars.count, scalars[index + 1] == "*" {
                depth += 1
                index += 2
            } else if scalars[index] == "*", index + 1 < scalars.count, scalars[index + 1] == "/" {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        throw Failure(reason: "unterminated /* comment starting at offset \(start)")
    }

    private static func closeQuote(
        _ scalars: [Unicode.Scalar],
        from start: Int,
        quote: Unicode.Scalar,
        backslashEscapes: Bool,
        what: String
    ) throws(Failure) -> Int {
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            if backslashEscapes && scalar == "\\" {
                index += 2
                continue
            }
            if scalar == quote {
                if index + 1 < scalars.count, scalars[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        throw Failure(reason: "unterminated \(what) starting at offset \(start - 1)")
    }

    private static func isDollarQuoteStart(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var cursor = index + 1
        while cursor < scalars.count, scalars[cursor] != "$" {
            guard isWordPart(scalars[cursor]), !(cursor == index + 1 && isDigit(scalars[cursor])) else { return false }
            cursor += 1
        }
        return cursor < scalars.count
    }

    private static func closeDollarQuote(_ scalars: [Unicode.Scalar], from start: Int) throws(Failure) -> Int {
        var tagEnd = start + 1
        while scalars[tagEnd] != "$" { tagEnd += 1 }
        let tag = Array(scalars[start...tagEnd])
        var index = tagEnd + 1
        while index + tag.count <= scalars.count {
            if Array(scalars[index..<(index + tag.count)]) == tag { return index + tag.count }
            index += 1
        }
        throw Failure(reason: "unterminated dollar-quoted string starting at offset \(start)")
    }
}
