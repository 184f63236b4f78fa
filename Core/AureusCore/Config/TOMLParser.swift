/// The recursive-descent parser behind `TOMLDocument`; works on Unicode scalars and tracks
/// line and column for errors. Arrays nest at most `maxDepth` deep so hostile input cannot
/// exhaust the stack.
struct TOMLParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var root = TOMLTable()
    private var current: [String] = []
    private var definedTables: Set<[String]> = []
    static let maxDepth = 64

    init(_ text: String) { self.scalars = Array(text.unicodeScalars) }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func error(_ kind: TOMLError.Kind) -> TOMLError {
        TOMLError(kind, line: line, column: index - lineStart + 1)
    }

    private mutating func advance() {
        if peek == "\n" {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    private mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" { advance() }
    }

    /// Skips spaces, newlines and comments (inside arrays and between lines).
    private mutating func skipWhitespaceAndComments() {
        while let scalar = peek {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                advance()
            } else if scalar == "#" {
                while let next = peek, next != "\n" { advance() }
            } else {
                return
            }
        }
    }

    /// After a statement only a comment and the end of the line may follow.
    private mutating func expectEndOfLine() throws(TOMLError) {
        skipSpaces()
        if peek == "#" { while let next = peek, next != "\n" { advance() } }
        if peek == "\r" { advance() }
        guard peek == nil || peek == "\n" else { throw error(.trailingCharacters) }
    }

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        while true {
            skipWhitespaceAndComments()
            guard let scalar = peek else { return root }
            if scalar == "[" {
                try parseHeader()
            } else {
                try parseKeyValue()
            }
            try expectEndOfLine()
        }
    }

    private mutating func parseHeader() throws(TOMLError) {
        advance()
        if peek == "[" { throw error(.unsupported("arrays of tables ([[…]])")) }
        skipSpaces()
        guard peek != "]" else { throw error(.invalidTableHeader) }
        let path = try parseKeyPath()
        skipSpaces()
        guard peek == "]" else { throw error(.invalidTableHeader) }
        advance()
        guard !definedTables.contains(path) else { throw error(.duplicateTable(path.joined(separator: "."))) }
        definedTables.insert(path)
        try ensureTable(path)
        current = path
    }

    /// Makes sure every table along `path` exists, failing if a key there is a plain value.
    private mutating func ensureTable(_ path: [String]) throws(TOMLError) {
        var prefix: [String] = []
        for key in path {
            prefix.append(key)
            switch root.value(at: prefix) {
            case nil: setValue(.table(TOMLTable()), at: prefix)
            case .table: continue
            default: throw error(.notATable(prefix.joined(separator: ".")))
            }
        }
    }

    private mutating func parseKeyValue() throws(TOMLError) {
        let keyPath = try parseKeyPath()
        skipSpaces()
        guard peek == "=" else { throw error(.expectedEquals) }
        advance()
        skipSpaces()
        let value = try parseValue(depth: 0)
        let fullPath = current + keyPath
        if keyPath.count > 1 { try ensureTable(Array(fullPath.dropLast())) }
        guard root.value(at: fullPath) == nil else { throw error(.duplicateKey(keyPath.joined(separator: "."))) }
        setValue(value, at: fullPath)
    }

    private mutating func setValue(_ value: TOMLValue, at path: [String]) {
        func insert(_ value: TOMLValue, _ path: ArraySlice<String>, into table: inout TOMLTable) {
            guard let first = path.first else { return }
            if path.count == 1 {
                table[first] = value
                return
            }
            var child = table[first]?.tableValue ?? TOMLTable()
            insert(value, path.dropFirst(), into: &child)
            table[first] = .table(child)
        }
        insert(value, path[...], into: &root)
    }

    private mutating func parseKeyPath() throws(TOMLError) -> [String] {
        var path: [String] = []
        while true {
            skipSpaces()
            path.append(try parseKey())
            skipSpaces()
            guard peek == "." else { return path }
            advance()
        }
    }

    private mutating func parseKey() throws(TOMLError) -> String {
        if peek == "\"" { return try parseBasicString() }
        if peek == "'" { return try parseLiteralString() }
        var key = String.UnicodeScalarView()
        while let scalar = peek, scalar.isBareKeyCharacter {
            key.append(scalar)
            advance()
        }
        guard !key.isEmpty else { throw error(.expectedKey) }
        return String(key)
    }

    private mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLValue {
        guard let scalar = peek, scalar != "\n", scalar != "#" else { throw error(.expectedValue) }
        switch scalar {
        case "\"": return .string(try parseBasicString())
        case "'": return .string(try parseLiteralString())
        case "[": return try parseArray(depth: depth + 1)
        case "{": throw error(.unsupported("inline tables ({…})"))
        default: return try parseScalarWord()
        }
    }

    private mutating func parseArray(depth: Int) throws(TOMLError) -> TOMLValue {
        guard depth <= Self.maxDepth else { throw error(.unsupported("arrays nested deeper than \(Self.maxDepth)")) }
        advance()
        var items: [TOMLValue] = []
        while true {
            skipWhitespaceAndComments()
            guard let scalar = peek else { throw error(.unterminatedArray) }
            if scalar == "]" {
                advance()
                return .array(items)
            }
            items.append(try parseValue(depth: depth))
            skipWhitespaceAndComments()
            if peek == "," {
                advance()
            } else if peek != "]" {
                throw peek == nil ? error(.unterminatedArray) : error(.trailingCharacters)
            }
        }
    }

    /// Integers, floats, booleans: a run of word characters interpreted as a whole.
    private mutating func parseScalarWord() throws(TOMLError) -> TOMLValue {
        let start = index
        while let scalar = peek, scalar.isValueWordCharacter { advance() }
        let word = String(String.UnicodeScalarView(scalars[start..<index]))
        if word.isEmpty {
            throw error(.invalidValue(String(peek.map(Character.init) ?? " ")))
        }
        if let value = TOMLScalarWord.parse(word) { return value }
        if TOMLScalarWord.looksLikeInteger(word) { throw error(.integerOverflow) }
        if TOMLScalarWord.looksLikeDate(word) { throw error(.unsupported("dates and times")) }
        throw error(.invalidValue(word))
    }

    private mutating func parseLiteralString() throws(TOMLError) -> String {
        advance()
        if peek == "'", index + 1 < scalars.count, scalars[index + 1] == "'" { throw error(.unsupported("multi-line strings")) }
        var text = String.UnicodeScalarView()
        while let scalar = peek {
            if scalar == "'" {
                advance()
                return String(text)
            }
            if scalar == "\n" { break }
            text.append(scalar)
            advance()
        }
        throw error(.unterminatedString)
    }

    private mutating func parseBasicString() throws(TOMLError) -> String {
        advance()
        if peek == "\"", index + 1 < scalars.count, scalars[index + 1] == "\"" { throw error(.unsupported("multi-line strings")) }
        var text = String.UnicodeScalarView()
        while let scalar = peek {
            switch scalar {
            case "\"":
                advance()
                return String(text)
            case "\n":
                throw error(.unterminatedString)
            case "\\":
                advance()
                text.append(try parseEscape())
            default:
                text.append(scalar)
                advance()
            }
        }
        throw error(.unterminatedString)
    }

    private mutating func parseEscape() throws(TOMLError) -> Unicode.Scalar {
        guard let scalar = peek, scalar != "\n" else { throw error(.unterminatedString) }
        guard "\"\\ntrbfeuU".unicodeScalars.contains(scalar) else { throw error(.invalidEscape(String(scalar))) }
        advance()
        switch scalar {
        case "\"": return "\""
        case "\\": return "\\"
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "e": return "\u{1B}"
        case "u", "U":
            let count = scalar == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<count {
                guard let digit = peek, digit.properties.isASCIIHexDigit else { throw error(.invalidEscape(String(scalar) + hex)) }
                hex.unicodeScalars.append(digit)
                advance()
            }
            guard let value = UInt32(hex, radix: 16), let result = Unicode.Scalar(value) else {
                throw error(.invalidEscape(String(scalar) + hex))
            }
            return result
        default:
            throw error(.invalidEscape(String(scalar)))
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isBareKeyCharacter: Bool {
        properties.isASCIIHexDigit || ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_" || self == "-"
    }

    fileprivate var isValueWordCharacter: Bool {
        isBareKeyCharacter || self == "+" || self == "." || self == ":"
    }
}
