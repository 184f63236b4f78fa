import Testing

@testable import AureusCore

@Suite struct TOMLDocumentTests {
    @Test func parsesTablesKeysAndValueKinds() throws {
        let text = """
            # leading comment
            name = "default"   # trailing comment
            count = 42
            negative = -7
            big = 1_000_000
            hex = 0xff
            octal = 0o17
            binary = 0b101
            ratio = 0.25
            exp = 1e3
            on = true
            off = false
            literal = 'C:\\path\\no escapes'
            list = ["a", 'b', 3, true]
            nested = [[1, 2], [], ["x"]]
            multi = [
              "one",   # comment inside
              "two",
            ]

            [colors]
            text = "#d0d0d0"
            "quoted key" = "q"

            [a.b.c]
            deep = "yes"
            x.y = 1
            """
        let document = try TOMLDocument(parsing: text)
        #expect(document.string("name") == "default")
        #expect(document.integer("count") == 42)
        #expect(document.integer("negative") == -7)
        #expect(document.integer("big") == 1_000_000)
        #expect(document.integer("hex") == 255)
        #expect(document.integer("octal") == 15)
        #expect(document.integer("binary") == 5)
        #expect(document["ratio"] == .float(0.25))
        #expect(document["exp"] == .float(1000))
        #expect(document.bool("on") == true)
        #expect(document.bool("off") == false)
        #expect(document.string("literal") == "C:\\path\\no escapes")
        #expect(document["list"] == .array([.string("a"), .string("b"), .integer(3), .bool(true)]))
        #expect(document["nested"] == .array([.array([.integer(1), .integer(2)]), .array([]), .array([.string("x")])]))
        #expect(document["multi"] == .array([.string("one"), .string("two")]))
        #expect(document.string("colors.text") == "#d0d0d0")
        #expect(document.value(at: ["colors", "quoted key"]) == .string("q"))
        #expect(document.string("a.b.c.deep") == "yes")
        #expect(document.integer("a.b.c.x.y") == 1)
        #expect(document.root.keys.first == "name")
        #expect(document.table("colors")?.keys == ["text", "quoted key"])
    }

    @Test func basicStringEscapes() throws {
        let document = try TOMLDocument(parsing: #"s = "q\" b\\ n\n t\t u\u00e9 U\U0001F600 e\e""#)
        #expect(document.string("s") == "q\" b\\ n\n t\t u\u{e9} U\u{1F600} e\u{1B}")
    }

    @Test func emptyDocumentsAndWindowsLineEndings() throws {
        #expect(try TOMLDocument(parsing: "").root.isEmpty)
        #expect(try TOMLDocument(parsing: "# only a comment\n\n").root.isEmpty)
        #expect(try TOMLDocument(parsing: "a = 1\r\nb = 2\r\n").integer("b") == 2)
        #expect(try TOMLDocument(parsing: "[t]\n[t.u]\n[v]").table("t.u")?.isEmpty == true)
    }

    @Test(
        arguments: [
            ("a = 1\n= 2", TOMLError.Kind.expectedKey, 2, 1),
            ("a 1", .expectedEquals, 1, 3),
            ("a =", .expectedValue, 1, 4),
            ("a = # nothing", .expectedValue, 1, 5),
            ("\n\nname = nope", .invalidValue("nope"), 3, 12),
            ("a = \"open", .unterminatedString, 1, 10),
            ("a = \"line\nb = 1\"", .unterminatedString, 1, 10),
            ("a = 'open", .unterminatedString, 1, 10),
            ("a = \"bad \\q\"", .invalidEscape("q"), 1, 11),
            ("a = \"\\u12\"", .invalidEscape("u12"), 1, 10),
            ("a = \"\\uD800\"", .invalidEscape("uD800"), 1, 12),
            ("a = [1, 2", .unterminatedArray, 1, 10),
            ("a = [1 2]", .trailingCharacters, 1, 8),
            ("[]", .invalidTableHeader, 1, 2),
            ("[a", .invalidTableHeader, 1, 3),
            ("a = 1\na = 2", .duplicateKey("a"), 2, 6),
            ("[t]\nx = 1\n[t]", .duplicateTable("t"), 3, 4),
            ("a = 1\n[a.b]", .notATable("a"), 2, 6),
            ("a = 1 b", .trailingCharacters, 1, 7),
            ("[[arr]]", .unsupported("arrays of tables ([[…]])"), 1, 2),
            ("a = {x = 1}", .unsupported("inline tables ({…})"), 1, 5),
            ("a = \"\"\"multi\"\"\"", .unsupported("multi-line strings"), 1, 6),
            ("a = 1979-05-27", .unsupported("dates and times"), 1, 15),
            ("a = 99999999999999999999", .integerOverflow, 1, 25),
            ("a = 1__0", .invalidValue("1__0"), 1, 9),
            ("a = 012", .invalidValue("012"), 1, 8),
            ("a = +0x1", .invalidValue("+0x1"), 1, 9),
            ("a = !", .invalidValue("!"), 1, 5),
        ] as [(String, TOMLError.Kind, Int, Int)]
    )
    func errorsCarryLineAndColumn(text: String, kind: TOMLError.Kind, line: Int, column: Int) {
        #expect(throws: TOMLError(kind, line: line, column: column)) { try TOMLDocument(parsing: text) }
    }

    @Test func errorDescriptionNamesTheLine() {
        do {
            _ = try TOMLDocument(parsing: "ok = 1\n\nbad = @")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "line 3, column 7: invalid value '@'")
        }
    }

    @Test func deepNestingIsRejectedNotCrashed() {
        let deep = "a = " + String(repeating: "[", count: 10_000)
        #expect(throws: TOMLError.self) { try TOMLDocument(parsing: deep) }
    }

    @Test func hostileInputsNeverCrash() {
        let samples = ["[", "]", "\"", "'", "=", "a.=1", "a.b.=1", "[a.]", "[.a]", "a=[,]", "a=\"\\", "a=\"\\u", "\u{0}", "a=1e", "a=."]
        for sample in samples {
            #expect(throws: TOMLError.self, "\(sample)") { try TOMLDocument(parsing: sample) }
        }
    }
}
