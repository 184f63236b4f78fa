import AureusProtocol

extension ServerServices {
    func registerAuthMethods(into table: inout RPCMethodTable) {
        table.registerRaw(RPCMethods.login, LoginParams.self) { context, params in
            let (result, session) = try await auth.login(username: params.username, password: params.password, clientAddress: context.clientAddress)
            return RPCHandlerOutput(
                resultJSON: try JSONCoding.encode(result),
                sessionChange: .set(session),
                auditActor: (session.username, session.role)
            )
        }
        table.register(RPCMethods.refresh, NoParams.self) { context, _ in
            RefreshResult(expiresAt: try await auth.refresh(try context.caller))
        }
        table.registerRaw(RPCMethods.logout, NoParams.self) { context, _ in
            try await auth.logout(try context.caller)
            return RPCHandlerOutput(resultJSON: try JSONCoding.encode(OKResult()), sessionChange: .clear)
        }
        table.register(RPCMethods.whoami, NoParams.self) { context, _ in
            let caller = try context.caller
            var user = caller.user
            user.role = caller.role
            return user
        }
    }
}
