import AureusCore
import AureusProtocol
import AureusStorage

extension ServerServices {
    func registerAuditMethods(into table: inout RPCMethodTable) {
        table.register(RPCMethods.auditTail, AuditTailParams.self) { _, params in
            let limit = params.limit ?? 100
            guard (1...1000).contains(limit) else { throw RPCError(.invalidParams, reason: "limit must be between 1 and 1000") }
            let events = try await store.auditTail(
                AuditQuery(
                    actor: params.actor,
                    action: params.action,
                    since: params.since,
                    until: params.until,
                    beforeSeq: params.cursor,
                    limit: limit
                )
            )
            let next = events.count == limit ? events.last?.seq : nil
            return AuditTailResult(events: events, nextCursor: next)
        }
        table.register(RPCMethods.auditVerify, NoParams.self) { _, _ in
            let result = try await store.verifyChain(digester: LibsodiumDigester())
            if !result.ok { metrics.auditVerifyFailed() }
            return result
        }
    }
}
