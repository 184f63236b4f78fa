import AureusProtocol
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket

/// `/v1/ws`: the JSON-RPC endpoint. A `Authorization: Bearer` header at upgrade authenticates
/// the connection up front (an invalid token is refused with 401 before the upgrade);
/// otherwise the client calls `auth.login` first.
struct WebSocketRoute {
    let services: ServerServices
    let dispatcher: RPCDispatcher

    func add(to router: Router<AureusRequestContext>) {
        router.group("/v1/ws")
            .add(middleware: BearerMiddleware(auth: services.auth))
            .ws { _, _ in
                .upgrade([:])
            } onUpgrade: { inbound, outbound, context in
                let connection = RPCConnection(
                    services: services,
                    dispatcher: dispatcher,
                    clientAddress: context.requestContext.clientAddress,
                    session: context.requestContext.session,
                    logger: context.logger
                )
                try await connection.run(inbound: inbound, outbound: outbound)
            }
    }
}

/// Resolves `Authorization: Bearer …` into the context's session.
struct BearerMiddleware: RouterMiddleware {
    typealias Context = AureusRequestContext
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.lowercased().hasPrefix("bearer ") else {
            throw HTTPProblem(status: .unauthorized, title: "Unauthorized", detail: "only Bearer tokens are accepted")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let session = try await auth.authenticate(token: token) else {
            throw HTTPProblem(status: .unauthorized, title: "Unauthorized", detail: "the token is unknown, expired or revoked")
        }
        var context = context
        context.session = session
        return try await next(request, context)
    }
}

/// One client connection: reads frames, runs them through the dispatcher in order, and
/// forwards subscribed events from the bus concurrently.
struct RPCConnection {
    let services: ServerServices
    let dispatcher: RPCDispatcher
    let clientAddress: String
    let session: AuthenticatedSession?
    let logger: Logger

    /// Rethrows the inbound stream's error so the library closes with the matching code
    /// (1009 for an oversize message, 1002 for a protocol error).
    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        let metrics = services.metrics
        let (connectionID, feed) = services.bus.register()
        metrics.connectionOpened()
        defer {
            services.bus.unregister(connectionID)
            metrics.connectionClosed()
        }
        var state = RPCDispatcher.ConnectionState(connectionID: connectionID, clientAddress: clientAddress, session: session)
        // Binary frames re-check the session (expiry, revocation, role) at most once a second.
        var binaryAuthorized = ContinuousClock.now - .seconds(2)
        let failure: (any Error)? = await withDiscardingTaskGroup { group in
            group.addTask {
                for await frame in feed {
                    do { try await Self.send(frame, on: outbound) } catch { return }
                }
            }
            do {
                for try await message in inbound.messages(maxSize: services.configuration.maxFrameBytes) {
                    let frame: [UInt8]
                    switch message {
                    case .text(let text): frame = Array(text.utf8)
                    case .binary(let buffer):
                        // Live neural samples (docs/spikes.md): answered only when refused.
                        let now = ContinuousClock.now
                        if now - binaryAuthorized > .seconds(1) {
                            if let denied = await dispatcher.authorize(RPCMethods.neuralSourcesStart, state: &state) {
                                metrics.rpcRejected(reason: "binary_frame")
                                try await Self.send(RPCMessage.error(id: .null, denied), on: outbound)
                                continue
                            }
                            binaryAuthorized = now
                        }
                        if let error = acceptLiveFrame(Array(buffer.readableBytesView), session: state.session) {
                            try await Self.send(RPCMessage.error(id: .null, error), on: outbound)
                        }
                        continue
                    }
                    if Self.runsAlongside(frame) {
                        // A long statement must not hold up this connection's other calls
                        // (query.cancel for it above all): it runs beside them with a copy
                        // of the session, which these methods never change.
                        let snapshot = state
                        group.addTask {
                            var local = snapshot
                            if let reply = await dispatcher.handle(frame: frame, state: &local) {
                                try? await Self.send(reply, on: outbound)
                            }
                        }
                        continue
                    }
                    if let reply = await dispatcher.handle(frame: frame, state: &state) {
                        try await Self.send(reply, on: outbound)
                    }
                }
            } catch {
                metrics.rpcRejected(reason: Self.closeReason(error))
                logger.debug("connection ended", metadata: ["aureus.error": "\(error)"])
                group.cancelAll()
                return error
            }
            group.cancelAll()
            return nil
        }
        if let failure { throw failure }
    }

    /// A binary frame is a live neural stream frame for a source this user started (the
    /// session was authorized for `neural.sources.start` within the last second). Returns
    /// the error to send back, or nil when the samples were queued.
    func acceptLiveFrame(_ bytes: [UInt8], session: AuthenticatedSession?) -> RPCError? {
        // Expiry and revocation are re-checked once a second by `dispatcher.authorize`; the role
        // is checked on every frame too, because a login on this connection within that second
        // may have replaced the session.
        guard let session, RPCMethods.neuralSourcesStart.allows(session.role) else {
            services.metrics.rpcRejected(reason: "binary_frame")
            return RPCError(.unauthenticated, reason: "log in as an analyst or higher before sending binary neural frames")
        }
        do {
            try services.neural.accept(liveFrame: bytes, caller: session)
            return nil
        } catch {
            return error
        }
    }

    /// Methods that may take as long as a statement runs: answered out of order, beside the
    /// connection's other calls. Replies carry their request id, as JSON-RPC allows.
    static let concurrentMethods: Set<String> = [RPCMethods.queryRun.name, RPCMethods.queryFetch.name, RPCMethods.queryAsk.name]

    /// Whether `frame` is a single request for one of `concurrentMethods`; a cheap byte scan
    /// first, so other traffic is not parsed twice.
    static func runsAlongside(_ frame: [UInt8]) -> Bool {
        let marker = Array("\"query.".utf8)
        guard frame.count < 1 << 20, frame.first != UInt8(ascii: "["),
            frame.indices.dropLast(marker.count).contains(where: { frame[$0..<($0 + marker.count)].elementsEqual(marker) })
        else { return false }
        guard let method = (try? JSONParser.parse(frame))?["method"]?.stringValue else { return false }
        return concurrentMethods.contains(method)
    }

    static func send(_ bytes: [UInt8], on outbound: WebSocketOutboundWriter) async throws {
        try await outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: bytes))))
    }

    /// A metric label for why the inbound stream failed (1009 oversize is the usual one).
    static func closeReason(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("messageTooLarge") || text.contains("invalidFrameLength") { return "payload_too_large" }
        return "connection_error"
    }
}
