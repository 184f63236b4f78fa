/// A JSON-RPC 2.0 request or notification (no `id`) as received by the server.
public struct RPCRequest: Sendable, Hashable {
    /// nil for a notification, which never gets a response.
    public var id: RPCID?
    public var method: String
    public var params: JSONValue?

    public init(id: RPCID?, method: String, params: JSONValue? = nil) {
        self.id = id
        self.method = method
        self.params = params
    }

    public var isNotification: Bool { id == nil }

    /// The request as a JSON object (the client's encoder).
    public var json: JSONValue {
        var members: [String: JSONValue] = ["jsonrpc": "2.0", "method": .string(method)]
        if let id { members["id"] = id.json }
        if let params { members["params"] = params }
        return .object(members)
    }
}

/// One element of an inbound frame: a valid request, or the error it earned (with the id
/// when one could be read, so the client can match it).
public enum RPCInboundItem: Sendable, Hashable {
    case request(RPCRequest)
    case invalid(id: RPCID, error: RPCError)
}

/// A decoded inbound frame: a single item or a batch, per JSON-RPC 2.0 section 6.
public enum RPCInbound: Sendable, Hashable {
    case single(RPCInboundItem)
    case batch([RPCInboundItem])
    /// The frame was not JSON, or was an empty batch: one error response with a null id.
    case unreadable(RPCError)

    /// The largest batch the server will run; bigger ones are refused whole.
    public static let maxBatch = 100

    /// Decodes a frame. Never throws: every defect becomes an error item.
    public static func decode(_ bytes: some Collection<UInt8>) -> RPCInbound {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .unreadable(RPCError(.parseError, reason: error.description))
        }
        switch value {
        case .array(let items):
            guard !items.isEmpty else { return .unreadable(RPCError(.invalidRequest, reason: "empty batch")) }
            guard items.count <= maxBatch else {
                return .unreadable(RPCError(.invalidRequest, reason: "batch of \(items.count) requests exceeds the limit of \(maxBatch)"))
            }
            return .batch(items.map(item))
        default:
            return .single(item(value))
        }
    }

    static func item(_ value: JSONValue) -> RPCInboundItem {
        guard case .object(let members) = value else {
            return .invalid(id: .null, error: RPCError(.invalidRequest, reason: "a request must be an object, got \(value.typeName)"))
        }
        var id: RPCID? = nil
        if let rawID = members["id"] {
            guard let parsed = RPCID(json: rawID) else {
                return .invalid(id: .null, error: RPCError(.invalidRequest, reason: "id must be a string, an integer or null"))
            }
            id = parsed
        }
        let errorID = id ?? .null
        guard members["jsonrpc"] == .string("2.0") else {
            return .invalid(id: errorID, error: RPCError(.invalidRequest, reason: "jsonrpc must be \"2.0\""))
        }
        guard case .string(let method)? = members["method"], !method.isEmpty else {
            return .invalid(id: errorID, error: RPCError(.invalidRequest, reason: "method must be a non-empty string"))
        }
        let params = members["params"]
        if let params {
            switch params {
            case .object, .array: break
            default:
                return .invalid(id: errorID, error: RPCError(.invalidRequest, reason: "params must be an object or an array"))
            }
        }
        return .request(RPCRequest(id: id, method: method, params: params))
    }
}
