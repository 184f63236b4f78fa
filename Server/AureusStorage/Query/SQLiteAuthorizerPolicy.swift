import AureusCore
import CSQLite
import Synchronization

/// What a query connection's `sqlite3_set_authorizer` callback allows: reading the dataset
/// views, reading the internal tables only from inside those views, and calling allow-listed
/// functions. Everything else (writes, DDL, ATTACH, PRAGMA, transactions, other tables,
/// `load_extension`, …) is denied while the statement is prepared, before a row is touched.
///
/// SQLite reports reads done by a view's body with the view's name as the "inner-most view";
/// a user's CTE of the same name would be reported the same way, which is why the statement
/// guard refuses CTEs named like a dataset.
final class SQLiteAuthorizerPolicy: Sendable {
    /// Dataset name → internal tables its view reads.
    private let sources: [String: Set<String>]
    private let allSources: Set<String>
    private let functions: Set<String>
    /// Every table and view in the database file: a schema-less read of one of these is a real
    /// table, of anything else a CTE.
    private let storedNames: Set<String>
    /// Off while the connection installs its own views; on for user statements.
    let enforcing = Atomic<Bool>(false)
    /// The first denial of the statement being prepared, for the error message.
    private let denial = Mutex<String?>(nil)

    init(datasets: [DatasetDefinition], functions: Set<String>, storedNames: Set<String>) {
        self.storedNames = storedNames
        var sources: [String: Set<String>] = [:]
        for dataset in datasets { sources[dataset.name] = Set(dataset.sourceTables) }
        self.sources = sources
        self.allSources = Set(datasets.flatMap(\.sourceTables))
        self.functions = functions
    }

    func takeDenial() -> String? {
        denial.withLock { value in
            defer { value = nil }
            return value
        }
    }

    func decide(action: Int32, first: String?, second: String?, database: String?, view: String?) -> Int32 {
        guard enforcing.load(ordering: .relaxed) else { return SQLITE_OK }
        switch action {
        case SQLITE_SELECT, SQLITE_RECURSIVE:
            return SQLITE_OK
        case SQLITE_READ:
            let table = first?.lowercased() ?? ""
            if database == "temp", sources[table] != nil { return SQLITE_OK }
            if database == "main", let view, sources[view.lowercased()]?.contains(table) == true { return SQLITE_OK }
            // `count(*)` over a view, and joins the planner can answer without columns, are
            // reported as reads of no column, outside the view and sometimes without a
            // schema: harmless (a row count) for a dataset's own tables.
            if database == "main" || database == nil, second?.isEmpty == true, allSources.contains(table) { return SQLITE_OK }
            // A read without a schema names a CTE or subquery (a recursive CTE reading itself);
            // the reads inside it were authorised on their own.
            if database == nil, !storedNames.contains(table) { return SQLITE_OK }
            return deny("reading \(database ?? "?").\(table) is not allowed; query the datasets (\\dt) instead")
        case SQLITE_FUNCTION:
            let name = second?.lowercased() ?? ""
            if functions.contains(name) { return SQLITE_OK }
            if name == DatasetViewSQL.maskFunction, let view, sources[view.lowercased()] != nil { return SQLITE_OK }
            return deny("function '\(name)' is not allowed")
        case SQLITE_PRAGMA:
            return deny("PRAGMA is not allowed")
        case SQLITE_ATTACH, SQLITE_DETACH:
            return deny("ATTACH and DETACH are not allowed")
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            return deny("transaction control is not allowed")
        default:
            return deny("only reads are allowed (SQLite authorizer action \(action))")
        }
    }

    private func deny(_ reason: String) -> Int32 {
        denial.withLock { if $0 == nil { $0 = reason } }
        return SQLITE_DENY
    }
}
