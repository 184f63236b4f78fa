internal import AureusProtocol

/// WebSocket text frames as the server reads them: `RPCInbound.decode` (the strict JSON parser,
/// batches, id/method/params checks), the error or result frame the dispatcher would send, and
/// the request's params decoded into the type its handler declares. The same bytes are also
/// read the way the TUI client reads server frames (`RPCServerMessage.decode`).
public enum JSONRPCHarness {
    public static func run(_ input: FuzzInput) {
        var input = input
        let frame = input.rest()
        switch RPCInbound.decode(frame) {
        case .unreadable(let error):
            _ = RPCMessage.error(id: .null, error)
        case .single(let item):
            handle(item)
        case .batch(let items):
            _ = RPCMessage.batch(items.map(handle))
        }
        _ = try? RPCServerMessage.decode(frame)
    }

    @discardableResult
    private static func handle(_ item: RPCInboundItem) -> [UInt8] {
        switch item {
        case .invalid(let id, let error):
            return RPCMessage.error(id: id, error)
        case .request(let request):
            let params = request.params ?? .object([:])
            let decode = RPCParamsTable.decoders[request.method] ?? RPCParamsTable.fallback(for: request.method)
            do {
                try decode(params)
                return RPCMessage.result(id: request.id ?? .null, resultJSON: CanonicalJSON.encode(params))
            } catch {
                return RPCMessage.error(id: request.id ?? .null, RPCError(.invalidParams, reason: JSONCoding.describe(error)))
            }
        }
    }
}
