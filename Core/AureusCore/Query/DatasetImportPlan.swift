import AureusProtocol

/// Checks a `datasets.import` request completely before anything is written: the name, the
/// declared columns, the header, and every row's field count and types. Any problem refuses
/// the whole import, so a dataset is either all there or not there at all.
public struct DatasetImportPlan: Sendable {
    public var definition: DatasetDefinition
    /// Typed rows in file order: `.int`, `.double`, `.string` or `.null` (an empty field).
    public var rows: [[JSONValue]]
    /// The internal table that holds the rows.
    public var tableName: String

    /// The prefix of tables holding imported rows; the guard refuses it in queries.
    public static let tablePrefix = "aureus_import_"
    public static let maxColumns = 200

    public init(_ params: DatasetsImportParams, existing: Set<String>) throws(DatasetImportError) {
        let name = params.name
        guard Self.isValidName(name) else {
            throw DatasetImportError("dataset name must be 1-48 lower-case letters, digits or '_', starting with a letter")
        }
        guard !existing.contains(name), !BuiltInDatasets.all.contains(where: { $0.name == name }) else {
            throw DatasetImportError("a dataset named '\(name)' already exists")
        }
        guard !name.hasPrefix("aureus_"), !name.hasPrefix("pg_"), !name.hasPrefix("sqlite_") else {
            throw DatasetImportError("dataset names may not start with aureus_, pg_ or sqlite_")
        }
        guard !params.columns.isEmpty, params.columns.count <= Self.maxColumns else {
            throw DatasetImportError("declare between 1 and \(Self.maxColumns) columns")
        }
        var seen: Set<String> = []
        for column in params.columns {
            guard Self.isValidName(column.name), !StatementGuard.forbiddenWords.contains(column.name) else {
                throw DatasetImportError("column name '\(column.name)' is not a plain lower-case identifier (or is a reserved word)")
            }
            guard seen.insert(column.name).inserted else { throw DatasetImportError("column '\(column.name)' is declared twice") }
            guard ["INTEGER", "REAL", "TEXT"].contains(column.type.uppercased()) else {
                throw DatasetImportError("column '\(column.name)' has type '\(column.type)'; use INTEGER, REAL or TEXT")
            }
        }
        let parsed = CSVReader.records(params.csv)
        var problems = parsed.problems.map { DatasetImportProblem(line: $0.line, reason: $0.reason) }
        var records = parsed.records[...]
        if params.header ?? true {
            guard let header = records.popFirst() else { throw DatasetImportError("the CSV is empty; expected a header line") }
            let names = header.fields.map { $0.trimmingWhitespace().lowercased() }
            guard names == params.columns.map(\.name) else {
                throw DatasetImportError(
                    "line \(header.line): header \(names) does not match the declared columns \(params.columns.map(\.name))"
                )
            }
        }
        var rows: [[JSONValue]] = []
        rows.reserveCapacity(records.count)
        for record in records {
            guard record.fields.count == params.columns.count else {
                problems.append(
                    DatasetImportProblem(line: record.line, reason: "\(record.fields.count) fields, expected \(params.columns.count)")
                )
                continue
            }
            var row: [JSONValue] = []
            row.reserveCapacity(record.fields.count)
            for (field, column) in zip(record.fields, params.columns) {
                switch Self.typed(field, type: column.type.uppercased()) {
                case .success(let value): row.append(value)
                case .failure(let reason):
                    problems.append(DatasetImportProblem(line: record.line, reason: "column \(column.name): \(reason.text)"))
                }
            }
            if row.count == params.columns.count { rows.append(row) }
        }
        guard problems.isEmpty else { throw DatasetImportError("\(problems.count) bad row(s); nothing imported", problems: problems) }
        tableName = Self.tablePrefix + name
        self.rows = rows
        definition = DatasetDefinition(
            name: name,
            description: params.description ?? "Imported CSV",
            builtIn: false,
            columns: params.columns.map { .init($0.name, $0.type.uppercased(), pii: $0.pii, "t.\(DatasetViewSQL.quoted($0.name))") },
            from: "\(Self.tablePrefix + name) t",
            sourceTables: [Self.tablePrefix + name]
        )
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.unicodeScalars.count <= 48 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    struct Reason: Error { var text: String }

    static func typed(_ field: String, type: String) -> Result<JSONValue, Reason> {
        if field.isEmpty { return .success(.null) }
        switch type {
        case "INTEGER":
            guard let value = Int64(field.trimmingWhitespace()) else { return .failure(Reason(text: "'\(field.prefix(40))' is not an integer")) }
            return .success(.int(value))
        case "REAL":
            guard let value = Double(field.trimmingWhitespace()), value.isFinite else {
                return .failure(Reason(text: "'\(field.prefix(40))' is not a number"))
            }
            return .success(.double(value))
        default:
            return .success(.string(field))
        }
    }

    /// `CREATE TABLE` for the rows, in types both backends accept.
    public func createTableSQL(realType: String) -> String {
        let columns = definition.columns.map { column -> String in
            let type = column.type == "REAL" ? realType : column.type == "INTEGER" ? "BIGINT" : "TEXT"
            return "\(DatasetViewSQL.quoted(column.name)) \(type)"
        }
        return "CREATE TABLE \(tableName) (\(columns.joined(separator: ", ")))"
    }
}

public struct DatasetImportError: Error, Sendable, Hashable {
    public var reason: String
    public var problems: [DatasetImportProblem]
    public init(_ reason: String, problems: [DatasetImportProblem] = []) {
        self.reason = reason
        self.problems = problems
    }
}

extension DatasetImportError: RPCErrorConvertible {
    public var rpcError: RPCError {
        var extra: [String: JSONValue] = [:]
        if !problems.isEmpty {
            extra["badRows"] = .array(problems.map { ["line": .int(Int64($0.line)), "reason": .string($0.reason)] })
        }
        return RPCError(.invalidParams, reason: reason, message: "Import refused", extra: extra)
    }
}
