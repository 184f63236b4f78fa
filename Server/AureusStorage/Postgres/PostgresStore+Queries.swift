import AureusCore
import AureusCrypto
import AureusProtocol
import PostgresNIO

extension PostgresStore: QueryCatalogStore {
    public func importedDatasets() async throws -> [DatasetDefinition] {
        try await perform {
            var out: [DatasetDefinition] = []
            let rows = try await client.query("SELECT name, description, columns, table_name FROM query_datasets ORDER BY name", logger: logger)
            for try await (name, description, columns, table) in rows.decode((String, String, String, String).self) {
                out.append(try QueryCatalogRow.dataset(name: name, description: description, columnsText: columns, tableName: table))
            }
            return out
        }
    }

    public func importDataset(_ plan: DatasetImportPlan, createdBy: String, at time: Timestamp) async throws {
        let definition = plan.definition
        try await transaction(conflict: "a dataset named '\(definition.name)' already exists") { connection in
            try await connection.query(
                """
                INSERT INTO query_datasets (name, description, columns, table_name, created_by, created_ms)
                VALUES (\(definition.name), \(definition.description), \(QueryCatalogRow.columnsText(definition)), \(plan.tableName),
                        \(createdBy), \(time.milliseconds))
                """,
                logger: logger
            )
            try await connection.query(PostgresQuery(unsafeSQL: plan.createTableSQL(realType: "DOUBLE PRECISION")), logger: logger)
            // Multi-row inserts: one round trip per 500 rows instead of per row.
            for chunk in stride(from: 0, to: plan.rows.count, by: 500) {
                let rows = plan.rows[chunk..<min(chunk + 500, plan.rows.count)]
                var bindings = PostgresBindings(capacity: rows.count * definition.columns.count)
                var tuples: [String] = []
                for row in rows {
                    var marks: [String] = []
                    for value in row {
                        bindings.appendJSONCell(value)
                        marks.append("$\(bindings.count)")
                    }
                    tuples.append("(\(marks.joined(separator: ", ")))")
                }
                let sql = "INSERT INTO \(plan.tableName) VALUES \(tuples.joined(separator: ", "))"
                try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            }
        }
    }

    public func insertEvidence(_ record: EvidenceRecord) async throws {
        try await execute(
            """
            INSERT INTO query_evidence (id, time_ms, username, role, question, sql_text, datasets, masking, outcome, row_count, duration_ms,
                                        result_sha256)
            VALUES (\(record.id), \(record.time.milliseconds), \(record.user), \(record.role.rawValue), \(record.question), \(record.sql),
                    \(QueryCatalogRow.datasetsText(record.datasets)), \(QueryCatalogRow.maskingText(record.masking)), \(record.outcome),
                    \(record.rowCount), \(record.durationMilliseconds), \(record.resultSHA256))
            """
        )
    }

    public func finishEvidence(id: String, outcome: String, rowCount: Int64, durationMilliseconds: Double, resultSHA256: String) async throws {
        try await execute(
            """
            UPDATE query_evidence SET outcome = \(outcome), row_count = \(rowCount), duration_ms = \(durationMilliseconds),
                   result_sha256 = \(resultSHA256) WHERE id = \(id)
            """
        )
    }

    public func evidence(id: String) async throws -> EvidenceRecord? {
        try await perform {
            let rows = try await client.query(
                "SELECT \(unescaped: QueryCatalogRow.evidenceColumns) FROM query_evidence WHERE id = \(id)",
                logger: logger
            )
            for try await row in rows {
                let (id, time, user, role, question, sql, datasets, masking, outcome) = try row.decode(
                    (String, Int64, String, String, String?, String, String, String, String).self
                )
                let random = row.makeRandomAccess()
                return try QueryCatalogRow.evidence(
                    id: id,
                    timeMs: time,
                    username: user,
                    role: role,
                    question: question,
                    sql: sql,
                    datasets: datasets,
                    masking: masking,
                    outcome: outcome,
                    rowCount: try random[9].decode(Int64.self),
                    durationMs: try random[10].decode(Double.self),
                    resultSHA256: try random[11].decode(String?.self)
                )
            }
            return nil
        }
    }

    public func queryMaskKey(generate: @Sendable () -> [UInt8]) async throws -> [UInt8] {
        let candidate = generate()
        let stored = try await transaction { connection -> String in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))", logger: logger)
            try await connection.query(
                "INSERT INTO query_settings (name, value) VALUES ('mask_key', \(Hex.encode(candidate))) ON CONFLICT (name) DO NOTHING",
                logger: logger
            )
            var value: String?
            for try await text in try await connection.query("SELECT value FROM query_settings WHERE name = 'mask_key'", logger: logger)
                .decode(String.self)
            {
                value = text
            }
            guard let value else { throw StoreError(.engine, "the masking key was not stored") }
            return value
        }
        guard let key = Hex.decode(stored) else { throw StoreError(.engine, "the stored masking key is not hex") }
        return key
    }
}

extension PostgresBindings {
    /// Binds a typed CSV cell; NULL binds as text so PostgreSQL infers the column's type.
    mutating func appendJSONCell(_ value: JSONValue) {
        switch value {
        case .int(let number): append(number)
        case .double(let number): append(number)
        case .string(let text): append(text)
        case .bool(let flag): append(flag)
        default: appendNull()
        }
    }
}
