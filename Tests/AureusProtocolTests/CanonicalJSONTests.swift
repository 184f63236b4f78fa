import AureusProtocol
import Testing

/// Audit hashes and approval signatures are computed over these bytes, so the exact output is
/// asserted, not just that it parses.
@Suite struct CanonicalJSONTests {
    @Test func sortsKeysByUTF8Bytes() {
        // By UTF-8 bytes: "B" (0x42) < "a" (0x61) < "b" < "z" < "é" (C3 A9) < U+FF61 (EF BD A1) < "😀" (F0 9F 98 80).
        // A UTF-16 sort would put the emoji (surrogate D83D) before U+FF61.
        let value: JSONValue = ["z": 1, "a": 2, "B": 3, "é": 4, "b": 5, "😀": 6, "\u{FF61}": 7]
        #expect(CanonicalJSON.string(value) == "{\"B\":3,\"a\":2,\"b\":5,\"z\":1,\"é\":4,\"\u{FF61}\":7,\"😀\":6}")
    }

    @Test func sortsNestedObjectsAndKeepsArrayOrder() {
        let value: JSONValue = ["outer": ["y": [3, 1, 2], "x": ["b": true, "a": nil]]]
        #expect(CanonicalJSON.string(value) == #"{"outer":{"x":{"a":null,"b":true},"y":[3,1,2]}}"#)
    }

    @Test func prefixKeySortsFirst() {
        #expect(CanonicalJSON.string(["ab": 1, "a": 2, "abc": 3]) == #"{"a":2,"ab":1,"abc":3}"#)
    }

    @Test func escapesMinimally() {
        let text = "q\" b\\ n\n r\r t\t nul\u{0} bs\u{8} ff\u{C} us\u{1F} / é 😀 del\u{7F}"
        let expected = #""q\" b\\ n\n r\r t\t nul\u0000 bs\u0008 ff\u000c us\u001f / é 😀 del"# + "\u{7F}\""
        #expect(CanonicalJSON.string(.string(text)) == expected)
    }

    @Test func escapesKeysLikeValues() {
        #expect(CanonicalJSON.string(["a\"b\n": 1]) == #"{"a\"b\n":1}"#)
    }

    @Test func writesScalars() {
        #expect(CanonicalJSON.string(nil) == "null")
        #expect(CanonicalJSON.string(true) == "true")
        #expect(CanonicalJSON.string(false) == "false")
        #expect(CanonicalJSON.string(.int(Int64.min)) == "-9223372036854775808")
        #expect(CanonicalJSON.string(.int(Int64.max)) == "9223372036854775807")
        #expect(CanonicalJSON.string([]) == "[]")
        #expect(CanonicalJSON.string([:]) == "{}")
    }

    @Test(arguments: [(2.0, "2"), (-3.0, "-3"), (0.0, "0"), (-0.0, "0"), (1e15, "1000000000000000"), (8.999e15, "8999000000000000")])
    func writesIntegralDoublesAsIntegers(value: Double, expected: String) {
        #expect(CanonicalJSON.string(.double(value)) == expected)
    }

    @Test func writesOtherDoublesSoTheyParseBack() throws {
        for value in [0.1, -2.5, 1e-7, 1e20, 9.5e15, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, 1.0 / 3.0] {
            let text = CanonicalJSON.string(.double(value))
            #expect(!text.contains(" "))
            #expect(try JSONParser.parse(text) == .double(value), "\(value) encoded as \(text)")
        }
    }

    @Test func writesNonFiniteDoublesAsNull() {
        #expect(CanonicalJSON.string(.double(.infinity)) == "null")
        #expect(CanonicalJSON.string(.double(-.infinity)) == "null")
        #expect(CanonicalJSON.string(.double(.nan)) == "null")
    }

    @Test func encodingDoesNotDependOnInsertionOrder() {
        var first: [String: JSONValue] = [:]
        var second: [String: JSONValue] = [:]
        let keys = (0..<200).map { "key\($0 * 7919 % 1000)" }
        for (index, key) in keys.enumerated() { first[key] = .int(Int64(index)) }
        for (index, key) in keys.enumerated().reversed() { second[key] = .int(Int64(index)) }
        #expect(CanonicalJSON.encode(.object(first)) == CanonicalJSON.encode(.object(second)))
    }

    static let roundTripValues: [JSONValue] = [
        nil, true, false, 0, -1, .int(Int64.max), .int(Int64.min), 0.5, -1.25e-9, 6.02214076e23,
        "", "plain", "quote \" backslash \\ slash /", "controls \u{0}\u{1}\u{8}\u{C}\n\r\t\u{1F}", "é 日本 😀 \u{10FFFF}",
        [], [:], [1, "two", 3.5, nil, [true]], ["nested": ["deeper": ["deepest": [1, 2, ["k": "v"]]]]],
        ["": "empty key", "k\"ey": ["\n": 1]],
        [
            "jsonrpc": "2.0", "id": 7, "method": "audit.tail",
            "params": ["actor": "alice", "limit": 100, "since": "2026-01-01T00:00:00.000Z", "filters": [nil, false, -0.125]],
        ],
    ]

    @Test(arguments: roundTripValues)
    func roundTrips(value: JSONValue) throws {
        let bytes = CanonicalJSON.encode(value)
        #expect(try JSONParser.parse(bytes) == value)
        // Encoding is a fixed point: re-encoding the parsed value gives the same bytes.
        #expect(CanonicalJSON.encode(try JSONParser.parse(bytes)) == bytes)
    }

    @Test func integralDoublesComeBackAsIntegers() throws {
        // The one intended asymmetry: 2.0 and 2 hash the same, so they must encode the same.
        #expect(try JSONParser.parse(CanonicalJSON.encode(.double(2))) == .int(2))
        #expect(CanonicalJSON.encode(.double(2)) == CanonicalJSON.encode(.int(2)))
    }

    @Test func parsesWhitespaceyInputIntoTheSameCanonicalBytes() throws {
        let loose = " {\n \"b\" : [ 1 , 2 ] ,\t\"a\" : { \"y\" : null , \"x\" : \"\\u00e9\" } } "
        #expect(CanonicalJSON.string(try JSONParser.parse(loose)) == #"{"a":{"x":"é","y":null},"b":[1,2]}"#)
    }
}
