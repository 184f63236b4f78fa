import AureusProtocol

/// What `query.ask` sends to the model and how it reads the answer.
///
/// The model sees only the DDL of the datasets the asking role may read (with PII columns
/// marked), is asked for JSON (`format: "json"`, temperature 0) and its SQL is then treated
/// like anything a user typed: guarded, prepared by the backend, and shown, never run, until
/// the user presses Enter.
public enum SQLQuestionPrompt {
    public static func messages(question: String, ddl: [String], dialect: String) -> [JSONValue] {
        let system = """
            You translate an analyst's question into exactly one read-only \(dialect) SELECT statement.
            Use only these tables and columns:

            \(ddl.joined(separator: "\n\n"))

            Rules: one statement; SELECT or WITH only; no comments; only standard functions \
            (count, sum, avg, min, max, round, lower, upper, coalesce, date functions). \
            Times are Unix milliseconds in *_ms columns.
            Answer with a JSON object: {"sql": "<the statement>", "explanation": "<one short sentence>"}.
            """
        return [["role": "system", "content": .string(system)], ["role": "user", "content": .string(question)]]
    }

    public struct Answer: Sendable, Hashable {
        public var sql: String
        public var explanation: String?
    }

    /// Reads `{"sql": …, "explanation": …}`; tolerates a fenced code block around the SQL.
    public static func answer(_ text: String) throws(QueryRefusal) -> Answer {
        guard let value = try? JSONParser.parse(text), let raw = value["sql"]?.stringValue else {
            throw QueryRefusal(.malformed, "the model did not answer with {\"sql\": …}: \(text.prefix(200))")
        }
        var sql = Substring(raw)
        if sql.hasPrefix("```") {
            sql = sql.drop { $0 != "\n" }
            let lines = sql.split(separator: "\n", omittingEmptySubsequences: false)
            sql = Substring(lines.filter { !$0.hasPrefix("```") }.joined(separator: "\n"))
        }
        let trimmed = String(sql).trimmingWhitespace()
        guard !trimmed.isEmpty else { throw QueryRefusal(.malformed, "the model answered with an empty statement") }
        return Answer(sql: trimmed, explanation: value["explanation"]?.stringValue)
    }
}
