import AureusCore
import AureusProtocol

extension ServerServices {
    func registerTokenMethods(into table: inout RPCMethodTable) {
        table.register(RPCMethods.tokensCreate, TokensCreateParams.self) { context, params in
            let caller = try context.caller
            let role = params.role ?? caller.role
            guard caller.role.includes(role) else {
                throw RPCError(.forbidden, reason: "a token cannot have a higher role (\(role.rawValue)) than yours (\(caller.role.rawValue))")
            }
            let days = params.ttlDays ?? 90
            guard (1...365).contains(days) else { throw RPCError(.invalidParams, reason: "ttlDays must be between 1 and 365") }
            guard (1...100).contains(params.name.count) else { throw RPCError(.invalidParams, reason: "name must have 1–100 characters") }
            let token = TokenFormat.newAPIToken()
            let now = clock.now()
            let record = try await store.createAPIToken(
                NewAPIToken(
                    userID: caller.userID,
                    name: params.name,
                    role: role,
                    tokenHash: TokenFormat.hash(token),
                    createdAt: now,
                    expiresAt: now.adding(milliseconds: Int64(days) * 86_400_000)
                )
            )
            return TokensCreateResult(token: token, info: info(record, username: caller.username))
        }
        table.register(RPCMethods.tokensList, NoParams.self) { context, _ in
            let caller = try context.caller
            let records = try await store.listAPITokens(userID: caller.role == .admin ? nil : caller.userID)
            var names: [Int64: String] = [caller.userID: caller.username]
            var tokens: [APITokenInfo] = []
            for record in records {
                if names[record.userID] == nil { names[record.userID] = try await store.user(id: record.userID)?.username ?? "?" }
                tokens.append(info(record, username: names[record.userID]!))
            }
            return TokensListResult(tokens: tokens)
        }
        table.register(RPCMethods.tokensRevoke, TokensRevokeParams.self) { context, params in
            let caller = try context.caller
            guard let record = try await store.apiToken(id: params.id), record.userID == caller.userID || caller.role == .admin else {
                throw RPCError(.notFound, reason: "no token with id \(params.id)")
            }
            _ = try await store.revokeAPIToken(id: record.id)
            return OKResult()
        }
    }

    private func info(_ record: APITokenRecord, username: String) -> APITokenInfo {
        APITokenInfo(
            id: record.id,
            name: record.name,
            username: username,
            role: record.role,
            createdAt: record.createdAt,
            expiresAt: record.expiresAt,
            revoked: record.revoked
        )
    }
}
