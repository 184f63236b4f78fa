import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// The request context for every route: Hummingbird's core storage, the WebSocket upgrade
/// slot, the peer address, and the session a Bearer token resolved to at upgrade time.
public struct AureusRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<AureusRequestContext>
    public let remoteAddress: SocketAddress?
    var session: AuthenticatedSession?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        remoteAddress = source.channel.remoteAddress
        session = nil
    }

    /// "ip:port" of the peer, or "unknown".
    var clientAddress: String {
        guard let address = remoteAddress else { return "unknown" }
        if let ip = address.ipAddress, let port = address.port { return "\(ip):\(port)" }
        return "\(address)"
    }
}
