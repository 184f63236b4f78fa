import AureusProtocol

/// Handlers by method name. Registration is checked against `RPCMethods`: a handler for a
/// name that is not in the table (and so has no access rule and no docs) is a programming
/// error caught at start-up.
struct RPCMethodTable: Sendable {
    private(set) var handlers: [String: (spec: RPCMethodSpec, handler: RPCHandler)] = [:]

    /// Registers a handler with typed params and result.
    mutating func register<Params: Decodable & Sendable, Result: Encodable>(
        _ spec: RPCMethodSpec,
        _ params: Params.Type,
        _ body: @escaping @Sendable (RPCCallContext, Params) async throws -> Result
    ) {
        registerRaw(spec, params) { context, params in
            RPCHandlerOutput(resultJSON: try JSONCoding.encode(try await body(context, params)))
        }
    }

    /// Registers a handler whose outcome belongs in its audit event (`AuditNote`).
    mutating func registerAudited<Params: Decodable & Sendable, Result: Encodable>(
        _ spec: RPCMethodSpec,
        _ params: Params.Type,
        _ body: @escaping @Sendable (RPCCallContext, Params) async throws -> (Result, AuditNote)
    ) {
        registerRaw(spec, params) { context, params in
            let (result, note) = try await body(context, params)
            return RPCHandlerOutput(resultJSON: try JSONCoding.encode(result), auditResult: note.result, auditTarget: note.target)
        }
    }

    /// Registers a handler that also changes the connection's session (login, logout).
    mutating func registerRaw<Params: Decodable & Sendable>(
        _ spec: RPCMethodSpec,
        _ params: Params.Type,
        _ body: @escaping @Sendable (RPCCallContext, Params) async throws -> RPCHandlerOutput
    ) {
        precondition(RPCMethods.spec(named: spec.name) == spec, "\(spec.name) is not in RPCMethods.all")
        precondition(handlers[spec.name] == nil, "\(spec.name) registered twice")
        handlers[spec.name] = (
            spec,
            { context, json in
                let params: Params
                do {
                    params = try json.decode(Params.self)
                } catch {
                    throw RPCError(.invalidParams, reason: JSONCoding.describe(error))
                }
                return try await body(context, params)
            }
        )
    }

    func lookup(_ name: String) -> (spec: RPCMethodSpec, handler: RPCHandler)? { handlers[name] }

    var registeredNames: [String] { handlers.keys.sorted() }
}

/// What a handler adds to its call's audit event.
struct AuditNote: Sendable {
    var target: String?
    var result: JSONValue?
}

/// Params for methods that take none; accepts `{}` and an absent `params`.
struct NoParams: Codable, Sendable {}
