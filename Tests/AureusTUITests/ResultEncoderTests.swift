import AureusProtocol
import Testing

@testable import AureusTUI

@Suite struct ResultEncoderTests {
    static let columns = [QueryColumn(name: "id", type: "INTEGER"), QueryColumn(name: "text", type: "TEXT"), QueryColumn(name: "x", type: "REAL")]

    static func encode(_ format: ResultFormat, pages: [[[JSONValue]]], columns: [QueryColumn] = columns) -> String {
        var encoder = format.encoder()
        var text = encoder.begin(columns: columns)
        for page in pages { text += encoder.encode(rows: page) }
        return text + encoder.end()
    }

    @Test func csvFollowsRFC4180AndTellsNullFromEmpty() {
        let text = Self.encode(
            .csv,
            pages: [
                [[.int(1), .string("plain"), .double(2.5)], [.int(2), .string(""), .null]],
                [[.int(3), .string("a,b \"q\"\nline"), .double(-0.125)]],
            ]
        )
        #expect(text == "id,text,x\r\n1,plain,2.5\r\n2,\"\",\r\n3,\"a,b \"\"q\"\"\nline\",-0.125\r\n")
        #expect(Self.encode(.csv, pages: [], columns: [QueryColumn(name: "a,b", type: "")]) == "\"a,b\"\r\n")
    }

    @Test func jsonIsOneArrayOfObjectsInColumnOrder() {
        let text = Self.encode(.json, pages: [[[.int(1), .string("é\"\n"), .null]], [[.int(2), .string(""), .double(1.5)]]])
        #expect(text == "[\n{\"id\":1,\"text\":\"é\\\"\\n\",\"x\":null},\n{\"id\":2,\"text\":\"\",\"x\":1.5}\n]\n")
        #expect(Self.encode(.json, pages: []) == "[]\n")
        let duplicate = Self.encode(
            .json,
            pages: [[[.int(1), .int(2)]]],
            columns: [QueryColumn(name: "id", type: ""), QueryColumn(name: "id", type: "")]
        )
        #expect(duplicate == "[\n{\"id\":1,\"id_2\":2}\n]\n")
    }

    @Test func ndjsonIsOneObjectPerLine() {
        let text = Self.encode(.ndjson, pages: [[[.int(1), .string("a"), .null]], [[.int(2), .string("b"), .double(0.5)]]])
        #expect(text == "{\"id\":1,\"text\":\"a\",\"x\":null}\n{\"id\":2,\"text\":\"b\",\"x\":0.5}\n")
    }

    @Test func tableAlignsFromTheFirstPageAndCountsRows() {
        let text = Self.encode(.table, pages: [[[.int(1), .string("日本"), .null]], [[.int(1000), .string("wider than first"), .double(2)]]])
        #expect(
            text == """
                id │ text │ x
                ───┼──────┼──
                 1 │ 日本 │ ∅
                1000 │ wider than first │ 2.0
                (2 rows)

                """
        )
        #expect(Self.encode(.table, pages: []) == "id │ text │ x\n───┼──────┼──\n(0 rows)\n")
    }

    @Test func formatFromTheFileExtension() {
        #expect(ResultFormat.forPath("/tmp/a.JSON") == .json)
        #expect(ResultFormat.forPath("a.ndjson") == .ndjson)
        #expect(ResultFormat.forPath("a.csv") == .csv)
        #expect(ResultFormat.forPath("a.txt") == .csv)
    }
}
