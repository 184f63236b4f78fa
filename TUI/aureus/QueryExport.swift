import AureusClient
import AureusProtocol
import AureusTUI
import Foundation

/// `\o FILE`: runs the last statement again and writes every page to FILE in the job's format.
///
/// Re-running rather than saving what is on screen is what keeps the REPL's memory bounded:
/// the screen holds a window of rows, the export streams all of them (up to the role's row
/// limit) straight to disk. The file appears only when complete, mode 0600 (results can
/// carry personal data).
enum QueryExport {
    struct Summary {
        var rows: Int
        var truncated: Bool
        var evidenceID: String
    }

    static func run(_ job: ExportJob, connection: AureusConnection) async throws -> Summary {
        let file = try StagedFile(path: expand(job.path))
        var encoder = job.format.encoder()
        var rows = 0
        var started = false
        do {
            let last = try await QueryStreamer.stream(sql: job.sql, question: job.question, connection: connection) { page in
                var text = started ? "" : encoder.begin(columns: page.columns)
                started = true
                text += encoder.encode(rows: page.rows)
                rows += page.rows.count
                try file.write(text)
            }
            try file.write(encoder.end())
            try file.commit()
            return Summary(rows: rows, truncated: last.truncated, evidenceID: last.evidenceID)
        } catch {
            file.discard()
            throw error
        }
    }

    /// `~/x.csv` → `$HOME/x.csv`; other paths are used as given (relative to the working directory).
    static func expand(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] else { return path }
        return home + String(path.dropFirst())
    }
}
