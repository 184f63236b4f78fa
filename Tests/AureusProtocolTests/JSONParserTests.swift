import AureusProtocol
import Testing

/// The hand-written parser is the first thing every frame meets, so each error path is pinned
/// down together with the byte offset the client sees in `data.reason`.
@Suite struct JSONParserTests {
    @Test func parsesEveryValueType() throws {
        let value = try JSONParser.parse(#" { "n": null, "t": true, "f": false, "i": -42, "d": 2.5, "s": "x", "a": [1, [], {}], "o": {"k": "v"} } "#)
        let expected: JSONValue = [
            "n": nil, "t": true, "f": false, "i": -42, "d": 2.5, "s": "x", "a": [1, [], [:]], "o": ["k": "v"],
        ]
        #expect(value == expected)
    }

    @Test(arguments: [
        ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)), ("0", .int(0)), ("-0", .int(0)),
        ("\"\"", .string("")), ("[]", .array([])), ("{}", .object([:])), ("\t\r\n 7 \n", .int(7)),
    ])
    func parsesScalarDocuments(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test func keepsIntegersApartFromDoubles() throws {
        #expect(try JSONParser.parse("9007199254740993") == .int(9_007_199_254_740_993))
        #expect(try JSONParser.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(Int64.min))
        // One past Int64.max cannot be an integer, so it degrades to a double rather than failing.
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("1.0") == .double(1))
        #expect(try JSONParser.parse("1e2") == .double(100))
        #expect(try JSONParser.parse("-1.5E-3") == .double(-0.0015))
        #expect(try JSONParser.parse("12E+1") == .double(120))
    }

    @Test func decodesEscapes() throws {
        #expect(try JSONParser.parse(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{8} \u{C} \n \r \t"))
        #expect(try JSONParser.parse(#""\u0041\u00e9\u20AC""#) == .string("Aé€"))
        #expect(try JSONParser.parse(#""\u0000""#) == .string("\u{0}"))
    }

    @Test func joinsSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""a\ud834\udd1eb""#) == .string("a𝄞b"))
    }

    @Test func keepsRawUTF8() throws {
        #expect(try JSONParser.parse("\"héllo 😀 日本\"") == .string("héllo 😀 日本"))
        #expect(try JSONParser.parse("{\"é\":\"ü\"}") == ["é": "ü"])
    }

    @Test func laterDuplicateKeyWins() throws {
        #expect(try JSONParser.parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let input: [UInt8]
        let offset: Int
        let reason: String
        init(_ text: String, _ offset: Int, _ reason: String) { self.init(Array(text.utf8), offset, reason) }
        init(_ input: [UInt8], _ offset: Int, _ reason: String) {
            self.input = input
            self.offset = offset
            self.reason = reason
        }
        var testDescription: String { String(decoding: input, as: UTF8.self).debugDescription }
    }

    @Test(arguments: [
        Failure("", 0, "unexpected end of input"),
        Failure("   ", 3, "unexpected end of input"),
        Failure("1 x", 2, "unexpected data after the JSON value"),
        Failure("{} {}", 3, "unexpected data after the JSON value"),
        Failure("01", 1, "leading zero in number"),
        Failure("-012", 2, "leading zero in number"),
        Failure("-", 1, "invalid number"),
        Failure("1.", 2, "expected digit after '.'"),
        Failure("1e", 2, "expected digit in exponent"),
        Failure("1e400", 0, "number out of range"),
        Failure("+1", 0, "unexpected character '+'"),
        Failure("tru", 0, "unexpected end of input"),
        Failure("nul1", 0, "invalid literal"),
        Failure(#""abc"#, 4, "unterminated string"),
        Failure(#""a\"#, 3, "unexpected end of input in string"),
        Failure(#""a\x""#, 4, "invalid escape '\\x'"),
        Failure(#""\u12G4""#, 5, "invalid hex digit in \\u escape"),
        Failure(#""\u12"#, 3, "unexpected end of input in \\u escape"),
        Failure(#""\uD800x""#, 7, "unpaired surrogate in \\u escape"),
        Failure(#""\uDC00""#, 7, "unpaired surrogate in \\u escape"),
        Failure(#""\uD800\u0041""#, 13, "invalid low surrogate in \\u escape"),
        Failure("\"a\nb\"", 2, "control character in string"),
        Failure("\"a\u{1F}\"", 2, "control character in string"),
        Failure("{\"a\":1,}", 7, "expected a string key"),
        Failure("{1:2}", 1, "expected a string key"),
        Failure(#"{"a" 1}"#, 5, "expected ':' after key"),
        Failure(#"{"a":1 "b":2}"#, 7, "expected ',' or '}' in object"),
        Failure(#"{"a":1"#, 6, "unexpected end of input in object"),
        Failure("[1 2]", 3, "expected ',' or ']' in array"),
        Failure("[1,", 3, "unexpected end of input"),
        Failure("[1", 2, "unexpected end of input in array"),
        Failure("[1,]", 3, "unexpected character ']'"),
    ])
    func reportsErrorWithOffset(_ failure: Failure) {
        expectParseError(failure.input, offset: failure.offset, reason: failure.reason)
    }

    @Test func rejectsInvalidUTF8() {
        // Lone continuation byte, overlong encoding, truncated sequence, surrogate encoded in UTF-8.
        for bad: [UInt8] in [[0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xFF]] {
            let input = [0x22, 0x61] + bad + [0x22]
            // The offset is just past the closing quote: the string is validated as a whole.
            expectParseError(input, offset: input.count, reason: "invalid UTF-8 in string")
        }
    }

    @Test func rejectsInvalidUTF8AfterAnEscape() {
        let input: [UInt8] = [0x22, 0x5C, 0x6E, 0xFF, 0x22]
        expectParseError(input, offset: 5, reason: "invalid UTF-8 in string")
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let depth = JSONParser.defaultMaxDepth
        #expect(depth == 64)
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try JSONParser.parse(arrays) }
        let objects = String(repeating: #"{"k":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        var value = try JSONParser.parse(objects)
        for _ in 0..<depth { value = try #require(value["k"]) }
        #expect(value == 1)
    }

    @Test func refusesNestingPastTheLimit() {
        let depth = JSONParser.defaultMaxDepth + 1
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        expectParseError(arrays, offset: depth - 1, reason: "nesting deeper than 64")
        let objects = String(repeating: #"{"k":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        expectParseError(objects, offset: (depth - 1) * 5, reason: "nesting deeper than 64")
        // A hostile frame far past the limit fails fast instead of exhausting the stack.
        expectParseError(String(repeating: "[", count: 100_000), offset: 64, reason: "nesting deeper than 64")
    }

    @Test func honoursACustomDepth() {
        #expect(throws: Never.self) { try JSONParser.parse("[[1]]", maxDepth: 2) }
        expectParseError("[[1]]", maxDepth: 1, offset: 1, reason: "nesting deeper than 1")
    }

    @Test func errorDescriptionNamesTheOffset() {
        let error = #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse("1 x") }
        #expect(error?.description == "unexpected data after the JSON value at byte 2")
    }
}

/// `ParseError` has no public initialiser, so errors are compared field by field.
private func expectParseError(
    _ input: some Collection<UInt8>,
    maxDepth: Int = JSONParser.defaultMaxDepth,
    offset: Int,
    reason: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = #expect(throws: JSONParser.ParseError.self, sourceLocation: sourceLocation) { try JSONParser.parse(input, maxDepth: maxDepth) }
    #expect(error?.offset == offset, sourceLocation: sourceLocation)
    #expect(error?.reason == reason, sourceLocation: sourceLocation)
}

private func expectParseError(
    _ text: String,
    maxDepth: Int = JSONParser.defaultMaxDepth,
    offset: Int,
    reason: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectParseError(Array(text.utf8), maxDepth: maxDepth, offset: offset, reason: reason, sourceLocation: sourceLocation)
}
