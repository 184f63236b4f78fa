import AureusCore
import AureusProtocol
import Logging

/// Runs decoded requests: the one place where RBAC is checked, params are decoded, errors
/// are converted to JSON-RPC error objects, state-changing calls are audited and every call
/// is counted.
struct RPCDispatcher: Sendable {
    let table: RPCMethodTable
    let auth: AuthService
    let audit: AuditRecorder
    let metrics: ServerMetrics
    let logger: Logger
    let mask = UserMask()

    /// Mutable per-connection state the dispatcher reads and updates.
    struct ConnectionState: Sendable {
        let connectionID: UInt64
        let clientAddress: String
        var session: AuthenticatedSession?
        var requestCounter: UInt64 = 0
    }

    /// Handles one frame; returns the bytes to send back (nil when nothing is due, e.g. only notifications).
    func handle(frame: [UInt8], state: inout ConnectionState) async -> [UInt8]? {
        switch RPCInbound.decode(frame) {
        case .unreadable(let error):
            metrics.rpcRejected(reason: error.code.name)
            return RPCMessage.error(id: .null, error)
        case .single(let item):
            return await handle(item, state: &state)
        case .batch(let items):
            var responses: [[UInt8]] = []
            for item in items {
                if let response = await handle(item, state: &state) { responses.append(response) }
            }
            return responses.isEmpty ? nil : RPCMessage.batch(responses)
        }
    }

    private func handle(_ item: RPCInboundItem, state: inout ConnectionState) async -> [UInt8]? {
        switch item {
        case .invalid(let id, let error):
            metrics.rpcRejected(reason: error.code.name)
            return RPCMessage.error(id: id, error)
        case .request(let request):
            let response = await run(request, state: &state)
            guard let id = request.id else { return nil }
            switch response {
            case .success(let json): return RPCMessage.result(id: id, resultJSON: json)
            case .failure(let error): return RPCMessage.error(id: id, error)
            }
        }
    }

    private func run(_ request: RPCRequest, state: inout ConnectionState) async -> Result<[UInt8], RPCError> {
        let started = ContinuousClock.now
        state.requestCounter += 1
        let requestID = "c\(state.connectionID)-\(state.requestCounter)"
        var logger = self.logger
        logger[metadataKey: "aureus.request_id"] = "\(requestID)"
        logger[metadataKey: "aureus.method"] = "\(request.method)"

        guard let (spec, handler) = table.lookup(request.method) else {
            metrics.rpcCall(method: "unknown", outcome: RPCErrorCode.methodNotFound.name, duration: ContinuousClock.now - started)
            return .failure(RPCError(.methodNotFound, reason: "no method named '\(Sanitize.short(request.method))'"))
        }
        let params = request.params ?? .object([:])
        let result: Result<RPCHandlerOutput, RPCError>
        if let refusal = await authorize(spec, state: &state) {
            result = .failure(refusal)
        } else {
            let context = RPCCallContext(
                requestID: requestID,
                clientAddress: state.clientAddress,
                session: state.session,
                connectionID: state.connectionID,
                logger: logger
            )
            do {
                guard case .object = params else { throw RPCError(.invalidParams, reason: "params must be an object") }
                result = .success(try await handler(context, params))
            } catch let error as any RPCErrorConvertible {
                result = .failure(error.rpcError)
            } catch {
                logger.error("handler failed", metadata: ["aureus.error": "\(error)"])
                result = .failure(RPCError(.internalError, reason: "the server failed to handle this request (request id \(requestID))"))
            }
        }

        let actor = (try? result.get().auditActor) ?? state.session.map { ($0.username, $0.role) }
        if case .success(let output) = result {
            switch output.sessionChange {
            case .keep: break
            case .set(let session): state.session = session
            case .clear: state.session = nil
            }
        }
        let outcome: String
        switch result {
        case .success: outcome = "ok"
        case .failure(let error) where error.code == .forbidden || error.code == .unauthenticated: outcome = "denied"
        case .failure(let error): outcome = "error:\(error.code.name)"
        }
        if spec.audited {
            let output = try? result.get()
            var summary = params
            if let auditResult = output?.auditResult, case .object(var members) = params {
                members["result"] = auditResult
                summary = .object(members)
            }
            await audit.record(
                actor: actor?.0 ?? "-",
                role: actor?.1,
                action: spec.name,
                target: output?.auditTarget ?? AuditTarget.of(params),
                summary: summary,
                outcome: outcome,
                requestID: requestID,
                clientAddress: state.clientAddress
            )
        }
        let kind: String
        switch result {
        case .success: kind = "ok"
        case .failure(let error): kind = error.code.name
        }
        let elapsed = ContinuousClock.now - started
        metrics.rpcCall(method: spec.name, outcome: kind, duration: elapsed)
        // One line per call: debug when it succeeded, info when it was refused or failed.
        let level: Logger.Level = kind == "ok" ? .debug : .info
        if logger.logLevel <= level {
            logger.log(
                level: level,
                "rpc",
                metadata: [
                    "aureus.outcome": "\(kind)", "aureus.duration_ms": "\(elapsed.milliseconds)",
                    "aureus.user": "\(state.session.map { mask($0.username).description } ?? "-")",
                ]
            )
        }
        return result.map(\.resultJSON)
    }

    /// RBAC, driven by the method table: nil when the call may proceed.
    func authorize(_ spec: RPCMethodSpec, state: inout ConnectionState) async -> RPCError? {
        guard let required = spec.minimumRole else { return nil }
        guard let current = state.session else {
            return RPCError(.unauthenticated, reason: "\(spec.name) requires authentication; call auth.login or connect with a Bearer token")
        }
        do {
            guard let fresh = try await auth.revalidate(current) else {
                state.session = nil
                return AuthError(code: .sessionExpired).rpcError
            }
            state.session = fresh
            guard fresh.role.includes(required) else {
                return RPCError(.forbidden, reason: "\(spec.name) requires role \(required.rawValue) or higher; you are \(fresh.role.rawValue)")
            }
            return nil
        } catch {
            return RPCError(.unavailable, reason: "could not check the session: the store is unavailable")
        }
    }
}
