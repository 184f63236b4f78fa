import Testing

@testable import AureusTUI

@Suite struct CompletionTests {
    let catalog = ReplFixtures.catalog

    @Test func uniqueDatasetNameCompletesWhole() throws {
        let result = try #require(Completion.complete(before: "select * from user_e", catalog: catalog))
        #expect(result.replacing == 6)
        #expect(result.insertion == "user_events")
        #expect(result.candidates == ["user_events"])
    }

    @Test func severalMatchesInsertTheCommonPrefixAndListThem() throws {
        let result = try #require(Completion.complete(before: "select * from us", catalog: catalog))
        #expect(result.insertion == "user")
        #expect(result.candidates == ["users", "user_events", "user_id"])
    }

    @Test func columnsAfterADotAndCaseInsensitivePrefixes() throws {
        let result = try #require(Completion.complete(before: "select users.EM", catalog: catalog))
        #expect(result.insertion == "users.email")
        #expect(result.replacing == 8)
        #expect(Completion.complete(before: "select nope.e", catalog: catalog) == nil)
        let column = try #require(Completion.complete(before: "select crea", catalog: catalog))
        #expect(column.insertion == "created_at")
    }

    @Test func metaCommands() throws {
        #expect(try #require(Completion.complete(before: "\\ti", catalog: [])).insertion == "\\timing")
        let d = try #require(Completion.complete(before: "\\d", catalog: []))
        #expect(d.insertion == "\\d")
        #expect(d.candidates == ["\\d", "\\dt"])
        #expect(Completion.complete(before: "select zzz", catalog: catalog) == nil)
    }
}
