import Testing

@testable import AureusTUI

@Suite struct MetaCommandTests {
    @Test(arguments: [
        ("\\x", MetaCommand.expanded(nil)),
        ("\\x auto", .expanded(.auto)),
        ("\\x on;", .expanded(.on)),
        ("\\x off", .expanded(.off)),
        ("\\d", .describe(nil)),
        ("\\d users", .describe("users")),
        ("  \\dt  ", .listDatasets),
        ("\\timing", .timing(nil)),
        ("\\timing off", .timing(false)),
        ("\\o /tmp/out file.csv", .output(path: "/tmp/out file.csv")),
        ("\\ask how many users signed up today?", .ask("how many users signed up today?")),
        ("\\q", .quit),
        ("\\?", .help),
    ])
    func parses(text: String, expected: MetaCommand) throws {
        #expect(try MetaCommand.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("\\x sideways", "\\x: expected on, off or auto"),
        ("\\o", "\\o needs a file"),
        ("\\ask", "\\ask needs a question"),
        ("\\timing maybe", "\\timing: expected on or off"),
        ("\\zz\u{1B}[2J", "invalid command \\zz; try \\? for help"),
    ])
    func errorsSayWhatIsWrong(text: String, expected: String) {
        guard case .failure(let error) = MetaCommand.parse(text) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
}
