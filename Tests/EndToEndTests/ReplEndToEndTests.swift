import AureusProtocol
import AureusTestSupport
import Foundation
import Testing

extension DashboardEndToEndTests {
    /// `aureus repl` in a real terminal against a real `aureusd`: a CSV dataset imported as the
    /// admin, a query typed over two lines, the table read back from the screen (wide
    /// characters, NULL marker), paging that streams further pages, `\x`, an `\o` export
    /// checked on disk, the history file and the query trace; then `aureus query` for scripts.
    @Test func replQueriesPagesExpandsAndExports() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-e2e-repl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let bin = ServerProcess.binDirectory + "/aureus"
        let login = ["--server", server.url, "--user", "admin", "--password-file", server.adminPasswordFile]
        func aureus(_ arguments: [String]) async throws -> String {
            try await Shell.runOffPool("env", ["XDG_CONFIG_HOME=\(scratch)/config", bin] + arguments + login)
        }
        let imported = try await aureus(["call", "datasets.import", CanonicalJSON.string(Self.peopleImport(rows: 1200))])
        #expect(imported.contains("\"rowsImported\":1200"))

        let trace = scratch + "/trace.log"
        let tui = try TmuxSession(
            command: "\(bin) repl \(login.joined(separator: " ")) --trace-query \(trace)",
            width: 140,
            height: 40,
            environment: ["XDG_CONFIG_HOME": scratch + "/config", "XDG_STATE_HOME": scratch + "/state", "TERM": "xterm-256color"]
        )
        defer { tui.kill() }
        try await tui.waitFor("the REPL prompt with the input focused") {
            $0.contains("aureus=>") && $0.contains("Enter run") && $0.contains("connected")
        }

        // Tab completes the dataset name from datasets.list; Ctrl-C clears the line.
        try await tui.type("select * from peo")
        try await tui.press("Tab")
        try await tui.waitFor(text: "aureus=> select * from people")
        try await tui.press("C-c")
        try await tui.waitFor("an empty prompt") { $0.split(separator: "\n").contains("aureus=>") }

        // A statement over two lines: Enter before the `;` continues (tmux needs `\;` for a `;`).
        try await tui.type("select id, name, city, score, '' as blank")
        try await tui.press("Enter")
        try await tui.waitFor(text: "aureus->")
        try await tui.type("from people order by id\\;")
        try await tui.press("Enter")
        let table = try await tui.waitFor("the first page") { $0.contains("rows 1–") && $0.contains("of 500+ (more)") }
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("id │ name") && $0.contains("│ city") && $0.contains("│ blank") })
        #expect(lines.contains { $0.contains("  1 │ person-1") && $0.contains("│ Paris, FR") }, "numbers right-aligned, text left:\n\(table)")
        #expect(lines.contains { $0.contains("  3 │ 山田太郎") && $0.contains("│ Berlin") }, "wide characters keep the columns aligned")
        #expect(lines.contains { $0.contains("  4 │ person-4") && $0.contains("│ ∅") }, "NULL shows as the marker")
        #expect(table.contains("evidence ev-"))
        let header = try #require(lines.first { $0.contains("id │ name") })
        let row3 = try #require(lines.first { $0.contains("  3 │ 山田太郎") })
        #expect(Self.cells(before: "│ city", in: header) == Self.cells(before: "│ Berlin", in: row3), "columns line up in display cells")

        // The result takes the keys; paging down moves on, End streams further pages.
        try await tui.press("BTab")
        try await tui.waitFor(text: "h/l columns")
        try await tui.press("NPage")
        try await tui.waitFor("the second screenful") { !$0.contains("rows 1–") && $0.contains("rows ") }
        // Each End goes to the last row loaded and fetches the next page; three pages in all.
        var end = ""
        for _ in 0..<40 where !(end.contains("of 1,200 ·") && end.contains("1200 │")) {
            try await tui.press("End")
            try await Task.sleep(for: .milliseconds(250))
            end = try await tui.screen()
        }
        #expect(end.contains("of 1,200 ·") && end.contains("1200 │"), "every page loaded and the last row on screen:\n\(end)")
        try await tui.press("x")
        try await tui.waitFor(text: "-[ RECORD")
        try await tui.press("Escape")
        try await tui.waitFor(text: "Enter run")

        // \o re-runs the query and writes every row.
        let export = scratch + "/people.csv"
        try await tui.type("\\o \(export)")
        try await tui.press("Enter")
        try await tui.waitFor(text: "wrote 1,200 rows to \(export)")
        let csv = try String(contentsOfFile: export, encoding: .utf8)
        let records = csv.components(separatedBy: "\r\n")
        #expect(records.first == "id,name,city,score,blank")
        #expect(records.count == 1202, "header, 1,200 rows, and the empty string after the last CRLF")
        #expect(records[1] == "1,person-1,\"Paris, FR\",1.5,\"\"")
        #expect(records[4].hasPrefix("4,person-4,,"), "NULL is an empty unquoted field")
        #expect(records[4].hasSuffix(",\"\""), "the empty string is \"\"")
        #expect((try FileManager.default.attributesOfItem(atPath: export)[.posixPermissions] as? Int) == 0o600)

        // History and trace were written; \q leaves.
        try await tui.type("\\q")
        try await tui.press("Enter")
        try await tui.waitFor("aureus to exit") { !$0.contains("aureus=>") }
        let history = scratch + "/state/aureus/repl_history"
        #expect(try String(contentsOfFile: history, encoding: .utf8).contains("select id, name, city, score, '' as blank\\nfrom people order by id;"))
        #expect((try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? Int) == 0o600)
        let traced = try String(contentsOfFile: trace, encoding: .utf8)
        #expect(traced.hasPrefix("query=1 enter_ms="), "\(traced)")
        #expect(traced.contains("first_page_ms=") && traced.contains("drawn_ms="))

        // aureus query: the same engine for scripts, rows on stdout, errors exit non-zero.
        let script = try await aureus(["query", "-c", "select id, name, city from people where id <= 4 order by id", "--format", "csv"])
        #expect(script == "id,name,city\r\n1,person-1,\"Paris, FR\"\r\n2,person-2,東京\r\n3,山田太郎,Berlin\r\n4,person-4,\r\n")
        let json = try await aureus(["query", "-c", "select id, city from people where id in (1, 4) order by id", "--format", "ndjson"])
        #expect(json == "{\"id\":1,\"city\":\"Paris, FR\"}\n{\"id\":4,\"city\":null}\n")
        await #expect(throws: ShellError.self) { try await aureus(["query", "-c", "delete from people", "--format", "csv"]) }
    }

    /// Terminal cells before `needle` in a captured line (CJK and emoji take two).
    static func cells(before needle: String, in line: String) -> Int {
        guard let range = line.range(of: needle) else { return -1 }
        return line[..<range.lowerBound].unicodeScalars.reduce(0) { total, scalar in
            let wide =
                (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                || (0xAC00...0xD7A3).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value) || scalar.value >= 0x1F300
            return total + (wide ? 2 : 1)
        }
    }

    /// `datasets.import` params for `people`: id, name (some CJK and emoji), city (every fourth
    /// empty, which imports as NULL; one with a comma), score.
    static func peopleImport(rows: Int) -> JSONValue {
        var csv = "id,name,city,score\n"
        for id in 1...rows {
            let name = id == 3 ? "山田太郎" : id == 5 ? "Zoë 😀" : "person-\(id)"
            let city = ["", "\"Paris, FR\"", "東京", "Berlin"][id % 4]
            csv += "\(id),\(name),\(city),\(Double(id) * 1.5)\n"
        }
        return [
            "name": "people",
            "description": "End-to-end test people",
            "csv": .string(csv),
            "columns": [
                ["name": "id", "type": "INTEGER", "pii": false], ["name": "name", "type": "TEXT", "pii": false],
                ["name": "city", "type": "TEXT", "pii": false], ["name": "score", "type": "REAL", "pii": false],
            ],
        ]
    }
}
