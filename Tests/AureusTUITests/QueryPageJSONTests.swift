import AureusProtocol
import Testing

@testable import AureusTUI

@Suite struct QueryPageJSONTests {
    @Test func readsWhatTheServerEncodesWithoutLosingRealValues() throws {
        let page = ReplFixtures.page(
            0..<2,
            rows: [[.int(1), .double(2.5)], [.null, .string("x")]],
            masking: ["users.email": "partial"]
        )
        let decoded = try QueryPage(json: try JSONValue(encoding: page))
        #expect(decoded == page)
        var last = page
        last.cursor = nil
        last.done = true
        #expect(try QueryPage(json: try JSONValue(encoding: last)) == last)
    }

    @Test func namesTheFieldThatIsWrong() {
        #expect(throws: QueryPageFormatError(field: "columns")) { try QueryPage(json: ["rows": []]) }
        let noDone: JSONValue = ["columns": [], "rows": [], "offset": 0, "truncated": false, "rowLimit": 1, "evidenceID": "e"]
        #expect(throws: QueryPageFormatError.self) { try QueryPage(json: noDone) }
    }
}
