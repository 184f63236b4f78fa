import AureusProtocol
import AureusTUI

/// Query pages, a dataset catalogue and key helpers for the REPL tests.
enum ReplFixtures {
    static let columns = [QueryColumn(name: "id", type: "INTEGER"), QueryColumn(name: "name", type: "TEXT")]

    /// Rows `range` of a two-column result: `[id, "user-<id>"]`.
    static func rows(_ range: Range<Int>) -> [[JSONValue]] {
        range.map { [.int(Int64($0 + 1)), .string("user-\($0 + 1)")] }
    }

    /// A page holding rows `range`; `done` when it is the last, else with a cursor.
    static func page(
        _ range: Range<Int>,
        done: Bool = false,
        columns: [QueryColumn] = ReplFixtures.columns,
        rows: [[JSONValue]]? = nil,
        truncated: Bool = false,
        rowLimit: Int = 10_000,
        elapsed: Double = 12.34,
        masking: [String: String] = [:]
    ) -> QueryPage {
        QueryPage(
            cursor: done ? nil : "cur-1",
            columns: columns,
            rows: rows ?? Self.rows(range),
            offset: range.lowerBound,
            done: done,
            truncated: truncated,
            rowLimit: rowLimit,
            elapsedMilliseconds: elapsed,
            evidenceID: "ev-42",
            masking: masking
        )
    }

    static let catalog = [
        DatasetSummary(
            name: "users",
            description: "People with accounts",
            builtIn: true,
            rowCount: 500,
            columns: [
                DatasetColumn(name: "id", type: "INTEGER", pii: false, masking: .none),
                DatasetColumn(name: "email", type: "TEXT", pii: true, masking: .partial),
                DatasetColumn(name: "created_at", type: "TEXT", pii: false, masking: .none),
            ]
        ),
        DatasetSummary(
            name: "user_events",
            description: "What users did",
            builtIn: true,
            rowCount: 12_000,
            columns: [
                DatasetColumn(name: "user_id", type: "INTEGER", pii: false, masking: .none),
                DatasetColumn(name: "kind", type: "TEXT", pii: false, masking: .none),
            ]
        ),
    ]

    /// Types `text` into the REPL, a newline as Enter.
    static func type(_ text: String, into repl: inout ReplModel) -> [ReplEffect] {
        var effects: [ReplEffect] = []
        for character in text {
            effects += character == "\n" ? repl.perform(.submit) : repl.edit(.char(character))
        }
        return effects
    }

    /// Types `sql` and presses Enter; returns the effects of the Enter.
    static func run(_ sql: String, in repl: inout ReplModel) -> [ReplEffect] {
        _ = type(sql, into: &repl)
        return repl.perform(.submit)
    }

    /// The requests among `effects`, with the random server query id of runs cleared so
    /// expectations can be written out (`ctrlCBeforeTheFirstPageClosesItsCursorWhenItArrives`
    /// checks it).
    static func requests(_ effects: [ReplEffect]) -> [ReplRequest] {
        effects.compactMap {
            guard case .request(let request) = $0 else { return nil }
            if case .run(let id, var params) = request {
                params.queryID = nil
                return .run(id: id, params)
            }
            return request
        }
    }

    /// A REPL that ran `select * from users;` (query 1) and got `first` back.
    static func replWithResult(
        _ first: QueryPage = page(0..<500),
        size: TerminalSize = TerminalSize(width: 80, height: 24),
        capacity: Int = ResultWindow.defaultCapacity
    ) -> ReplModel {
        var repl = ReplModel(size: size, capacity: capacity)
        _ = run("select * from users;", in: &repl)
        _ = repl.receive(.page(id: 1, first, roundTripMilliseconds: 15.2))
        return repl
    }
}
