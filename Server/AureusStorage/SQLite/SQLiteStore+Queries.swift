import AureusCore
import AureusCrypto
import AureusProtocol

extension SQLiteStore: QueryCatalogStore {
    public func importedDatasets() async throws -> [DatasetDefinition] {
        try await pool.read { db in
            try db.query("SELECT \(QueryCatalogRow.datasetColumns) FROM query_datasets ORDER BY name").map { row in
                try QueryCatalogRow.dataset(
                    name: try row.text(0),
                    description: try row.text(1),
                    columnsText: try row.text(2),
                    tableName: try row.text(3)
                )
            }
        }
    }

    public func importDataset(_ plan: DatasetImportPlan, createdBy: String, at time: Timestamp) async throws {
        try await pool.transaction(conflict: "a dataset named '\(plan.definition.name)' already exists") { db in
            try db.run(
                "INSERT INTO query_datasets (name, description, columns, table_name, created_by, created_ms) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    .text(plan.definition.name), .text(plan.definition.description), .text(QueryCatalogRow.columnsText(plan.definition)),
                    .text(plan.tableName), .text(createdBy), .integer(time.milliseconds),
                ]
            )
            try db.execute(plan.createTableSQL(realType: "REAL"))
            let marks = Array(repeating: "?", count: plan.definition.columns.count).joined(separator: ", ")
            let insert = "INSERT INTO \(plan.tableName) VALUES (\(marks))"
            for row in plan.rows {
                try db.run(insert, row.map(SQLiteValue.init(json:)))
            }
        }
    }

    public func insertEvidence(_ record: EvidenceRecord) async throws {
        try await pool.write { db in
            try db.run(
                "INSERT INTO query_evidence (\(QueryCatalogRow.evidenceColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(record.id), .integer(record.time.milliseconds), .text(record.user), .text(record.role.rawValue),
                    .optionalText(record.question), .text(record.sql), .text(QueryCatalogRow.datasetsText(record.datasets)),
                    .text(QueryCatalogRow.maskingText(record.masking)), .text(record.outcome), .integer(record.rowCount),
                    .real(record.durationMilliseconds), .optionalText(record.resultSHA256),
                ]
            )
        }
    }

    public func finishEvidence(id: String, outcome: String, rowCount: Int64, durationMilliseconds: Double, resultSHA256: String) async throws {
        try await pool.write { db in
            try db.run(
                "UPDATE query_evidence SET outcome = ?, row_count = ?, duration_ms = ?, result_sha256 = ? WHERE id = ?",
                [.text(outcome), .integer(rowCount), .real(durationMilliseconds), .text(resultSHA256), .text(id)]
            )
        }
    }

    public func evidence(id: String) async throws -> EvidenceRecord? {
        try await pool.read { db in
            try db.query("SELECT \(QueryCatalogRow.evidenceColumns) FROM query_evidence WHERE id = ?", [.text(id)]).first.map { row in
                try QueryCatalogRow.evidence(
                    id: try row.text(0),
                    timeMs: try row.int64(1),
                    username: try row.text(2),
                    role: try row.text(3),
                    question: try row.optionalText(4),
                    sql: try row.text(5),
                    datasets: try row.text(6),
                    masking: try row.text(7),
                    outcome: try row.text(8),
                    rowCount: try row.int64(9),
                    durationMs: try row.double(10),
                    resultSHA256: try row.optionalText(11)
                )
            }
        }
    }

    public func queryMaskKey(generate: @Sendable () -> [UInt8]) async throws -> [UInt8] {
        let candidate = Hex.encode(generate())
        let stored = try await pool.transaction { db in
            try db.run("INSERT INTO query_settings (name, value) VALUES ('mask_key', ?) ON CONFLICT (name) DO NOTHING", [.text(candidate)])
            return try db.query("SELECT value FROM query_settings WHERE name = 'mask_key'").first?.text(0) ?? candidate
        }
        guard let key = Hex.decode(stored) else { throw StoreError(.engine, "the stored masking key is not hex") }
        return key
    }
}

extension SQLiteValue {
    init(json: JSONValue) {
        switch json {
        case .int(let value): self = .integer(value)
        case .double(let value): self = .real(value)
        case .string(let value): self = .text(value)
        case .bool(let value): self = .integer(value ? 1 : 0)
        default: self = .null
        }
    }
}
