import AureusCore
import AureusProtocol

extension ServerServices {
    /// `query.*`, `datasets.*` and `evidence.get`: see `QueryService`.
    func registerQueryMethods(into table: inout RPCMethodTable) {
        table.registerAudited(RPCMethods.queryRun, QueryRunParams.self) { context, params in
            try await queries.run(params, caller: try context.caller)
        }
        table.register(RPCMethods.queryFetch, QueryFetchParams.self) { context, params in
            try await queries.fetch(params, caller: try context.caller)
        }
        table.register(RPCMethods.queryCancel, QueryCancelParams.self) { context, params in
            try await queries.cancel(params, caller: try context.caller)
        }
        table.registerAudited(RPCMethods.queryAsk, QueryAskParams.self) { context, params in
            try await assistant.ask(params, caller: try context.caller)
        }
        table.register(RPCMethods.datasetsList, NoParams.self) { context, _ in
            DatasetsListResult(datasets: try await queries.listDatasets(role: try context.caller.role))
        }
        table.register(RPCMethods.datasetsDescribe, DatasetsDescribeParams.self) { context, params in
            try await queries.describe(params.name, role: try context.caller.role)
        }
        table.registerAudited(RPCMethods.datasetsImport, DatasetsImportParams.self) { context, params in
            try await queries.importDataset(params, caller: try context.caller)
        }
        table.register(RPCMethods.evidenceGet, EvidenceGetParams.self) { context, params in
            try await queries.evidence(params.id, caller: try context.caller)
        }
    }
}
