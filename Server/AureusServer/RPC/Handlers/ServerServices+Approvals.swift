import AureusCore
import AureusProtocol

extension ServerServices {
    func registerApprovalMethods(into table: inout RPCMethodTable) {
        table.registerAudited(RPCMethods.approvalsSubmit, ApprovalsSubmitParams.self) { context, params in
            try await approvals.submit(params, by: try context.caller)
        }
        table.register(RPCMethods.approvalsList, ApprovalsListParams.self) { context, params in
            ApprovalsListResult(approvals: try await approvals.list(params, caller: try context.caller))
        }
        table.register(RPCMethods.approvalsGet, ApprovalIDParams.self) { context, params in
            // Tokens are proofs executors act on: analysts and up (submitters) may fetch them, viewers not.
            try await approvals.get(id: params.id, includeToken: try context.caller.role.includes(.analyst))
        }
        table.registerAudited(RPCMethods.approvalsDecide, ApprovalsDecideParams.self) { context, params in
            try await approvals.decide(params, by: try context.caller, requestID: context.requestID)
        }
        table.register(RPCMethods.approvalsRevoke, ApprovalsRevokeParams.self) { context, params in
            try await approvals.revoke(params, by: try context.caller)
        }
        table.register(RPCMethods.policyCheck, PolicyCheckParams.self) { _, params in
            try approvals.check(params)
        }
        table.register(RPCMethods.policyReload, NoParams.self) { _, _ in
            switch approvals.policy.reload() {
            case .success(let result): return result
            case .failure(let error):
                var extra: [String: JSONValue] = [:]
                if let line = error.line { extra["line"] = .int(Int64(line)) }
                if let table = error.table { extra["table"] = .string(table) }
                throw RPCError(.invalidParams, reason: "\(error.description); the running policy is unchanged", extra: extra)
            }
        }
    }
}
