import AureusCore
import AureusProtocol
import AureusStorage

extension QueryService {
    /// Every dataset with its row count and the caller's masking, built-in ones first.
    func listDatasets(role: Role) async throws -> [DatasetSummary] {
        let engine = try readyEngine()
        var out: [DatasetSummary] = []
        for dataset in currentDatasets {
            out.append(try await summary(dataset, role: role, engine: engine))
        }
        return out
    }

    func describe(_ name: String, role: Role) async throws -> DatasetDescription {
        let engine = try readyEngine()
        guard let dataset = currentDatasets.first(where: { $0.name == name.lowercased() }) else {
            throw RPCError(.notFound, reason: "no dataset named '\(name)'; datasets.list shows them")
        }
        return DatasetDescription(dataset: try await summary(dataset, role: role, engine: engine), ddl: DatasetViewSQL.ddl(dataset, role: role))
    }

    /// Checks the whole file, then creates the table, inserts every row and registers the
    /// dataset in one transaction, then gives every role its view of it.
    func importDataset(_ params: DatasetsImportParams, caller: AuthenticatedSession) async throws -> (DatasetsImportResult, AuditNote) {
        let engine = try readyEngine()
        let plan = try DatasetImportPlan(params, existing: Set(currentDatasets.map(\.name)))
        try await catalogStore.importDataset(plan, createdBy: caller.username, at: clock.now())
        let all = BuiltInDatasets.all + (try await catalogStore.importedDatasets())
        try await engine.installViews(all)
        replaceDatasets(all)
        let summary = try await summary(plan.definition, role: caller.role, engine: engine)
        return (
            DatasetsImportResult(dataset: summary, rowsImported: plan.rows.count),
            AuditNote(target: "dataset:\(plan.definition.name)", result: ["rows": .int(Int64(plan.rows.count))])
        )
    }

    /// An evidence record: your own, or anyone's for admins.
    func evidence(_ id: String, caller: AuthenticatedSession) async throws -> EvidenceRecord {
        guard let record = try await catalogStore.evidence(id: id), caller.role == .admin || record.user == caller.username else {
            throw RPCError(.notFound, reason: "no evidence record \(id) that you may read")
        }
        return record
    }

    private func summary(_ dataset: DatasetDefinition, role: Role, engine: any QueryEngine) async throws -> DatasetSummary {
        DatasetSummary(
            name: dataset.name,
            description: dataset.description,
            builtIn: dataset.builtIn,
            rowCount: try await engine.rowCount(of: dataset),
            columns: dataset.describedColumns(for: role)
        )
    }
}
