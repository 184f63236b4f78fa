import Testing

@testable import AureusTUI

@Suite struct StatementScannerTests {
    @Test(arguments: [
        ("select 1;", StatementScanner.Verdict.complete),
        ("select 1;  \n", .complete),
        ("select 1", .incomplete),
        ("select ';'", .incomplete),
        ("select 'it''s';", .complete),
        ("select \"a;b\"", .incomplete),
        ("select 1 -- done;", .incomplete),
        ("select 1; -- trailing comment", .complete),
        ("select 1 /* ; */", .incomplete),
        ("select 1; /* open comment", .incomplete),
        ("select [a;b]", .incomplete),
        ("select 'unterminated;", .incomplete),
        ("   ", .empty),
        ("-- just a comment", .empty),
        ("\\x", .metaCommand),
        ("  \\d users", .metaCommand),
    ])
    func verdicts(text: String, expected: StatementScanner.Verdict) {
        #expect(StatementScanner.verdict(text) == expected, "\(text)")
    }
}
