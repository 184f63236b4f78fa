import AureusCore
import AureusProtocol

/// How imported datasets and evidence records map to rows, shared by both adapters so the two
/// backends store byte-identical text.
enum QueryCatalogRow {
    static let evidenceColumns =
        "id, time_ms, username, role, question, sql_text, datasets, masking, outcome, row_count, duration_ms, result_sha256"

    static let datasetColumns = "name, description, columns, table_name"

    static func columnsText(_ definition: DatasetDefinition) -> String {
        CanonicalJSON.string(
            .array(definition.columns.map { ["name": .string($0.name), "type": .string($0.type), "pii": .bool($0.pii)] })
        )
    }

    static func dataset(name: String, description: String, columnsText: String, tableName: String) throws -> DatasetDefinition {
        guard case .array(let items) = try JSONParser.parse(columnsText) else {
            throw StoreError(.engine, "dataset \(name) has unreadable columns")
        }
        let columns = try items.map { item -> DatasetColumnDefinition in
            guard let column = item["name"]?.stringValue, let type = item["type"]?.stringValue else {
                throw StoreError(.engine, "dataset \(name) has a column without name or type")
            }
            return DatasetColumnDefinition(column, type, pii: item["pii"] == .bool(true), "t.\(DatasetViewSQL.quoted(column))")
        }
        return DatasetDefinition(
            name: name,
            description: description,
            builtIn: false,
            columns: columns,
            from: "\(tableName) t",
            sourceTables: [tableName]
        )
    }

    static func datasetsText(_ names: [String]) -> String { CanonicalJSON.string(.array(names.map { .string($0) })) }

    static func maskingText(_ masking: [String: String]) -> String { CanonicalJSON.string(.object(masking.mapValues { .string($0) })) }

    static func evidence(
        id: String,
        timeMs: Int64,
        username: String,
        role: String,
        question: String?,
        sql: String,
        datasets: String,
        masking: String,
        outcome: String,
        rowCount: Int64,
        durationMs: Double,
        resultSHA256: String?
    ) throws -> EvidenceRecord {
        guard let role = Role(rawValue: role) else { throw StoreError(.engine, "evidence \(id) has an unknown role '\(role)'") }
        let names = (try? JSONParser.parse(datasets))?.arrayValue?.compactMap(\.stringValue) ?? []
        let maskingMap = (try? JSONParser.parse(masking))?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        return EvidenceRecord(
            id: id,
            time: Timestamp(milliseconds: timeMs),
            user: username,
            role: role,
            question: question,
            sql: sql,
            datasets: names,
            masking: maskingMap,
            outcome: outcome,
            rowCount: rowCount,
            durationMilliseconds: durationMs,
            resultSHA256: resultSHA256
        )
    }
}
