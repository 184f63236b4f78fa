import ArgumentParser
import AureusClient
import AureusProtocol
import AureusTUI
import Foundation

/// `aureus query -c SQL [--format table|csv|json|ndjson]`: one read-only statement for
/// scripts. Every page is streamed to stdout as it arrives (nothing is held), notes about
/// truncation and the evidence record go to stderr, and any error exits 1 with the server's
/// reason on stderr.
///
///     aureus query -c 'select * from users' --format csv > users.csv
///     aureus query --file report.sql --format ndjson | jq .
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one read-only SQL statement and print every row (table, csv, json or ndjson)."
    )

    @OptionGroup var options: ClientOptions

    @Option(name: [.customShort("c"), .customLong("command")], help: "The SQL statement.")
    var command: String?

    @Option(help: "Read the SQL from this file ('-' reads stdin).")
    var file: String?

    @Option(help: "Output format: table, csv, json or ndjson.")
    var format: String = "table"

    @Option(help: "Rows per page fetched from the server (1-5000).")
    var pageSize: Int = QueryStreamer.pageSize

    func validate() throws {
        guard (command == nil) != (file == nil) else { throw ValidationError("give the SQL with -c SQL or --file FILE (one of them)") }
        guard ResultFormat(rawValue: format) != nil else { throw ValidationError("--format must be table, csv, json or ndjson") }
        guard (1...5000).contains(pageSize) else { throw ValidationError("--page-size must be 1...5000") }
    }

    func run() async throws {
        let sql = try statement()
        let format = ResultFormat(rawValue: format) ?? .table
        let pageSize = self.pageSize
        do {
            let (rows, last) = try await OneShotSession.run(options: options) { connection in
                var encoder = format.encoder()
                var rows = 0
                var started = false
                let last = try await QueryStreamer.stream(sql: sql, question: nil, connection: connection, pageSize: pageSize) { page in
                    var text = started ? "" : encoder.begin(columns: page.columns)
                    started = true
                    text += encoder.encode(rows: page.rows)
                    rows += page.rows.count
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
                FileHandle.standardOutput.write(Data(encoder.end().utf8))
                return (rows, last)
            }
            var note = "\(NumberText.grouped(rows)) \(rows == 1 ? "row" : "rows") · evidence \(last.evidenceID)"
            if last.truncated { note += "\nresult truncated at the \(NumberText.grouped(last.rowLimit))-row limit for your role" }
            FileHandle.standardError.write(Data((note + "\n").utf8))
        } catch {
            FileHandle.standardError.write(Data("aureus: query failed: \(QueryStreamer.reason(error))\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The SQL from `-c`, the file, or stdin.
    private func statement() throws -> String {
        if let command { return command }
        let path = file ?? "-"
        if path == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}
