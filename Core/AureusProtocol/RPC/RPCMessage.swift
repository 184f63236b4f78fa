/// Server-to-client messages: responses and `event` notifications, encoded to bytes.
///
/// Results arrive as already-encoded JSON bytes so a handler's `Encodable` result is encoded
/// once, straight into the frame.
public enum RPCMessage {
    /// The notification method that carries subscription events.
    public static let eventMethod = "event"

    public static func result(id: RPCID, resultJSON: [UInt8]) -> [UInt8] {
        var out = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
        out += CanonicalJSON.encode(id.json)
        out += Array(#","result":"#.utf8)
        out += resultJSON
        out.append(UInt8(ascii: "}"))
        return out
    }

    public static func error(id: RPCID, _ error: RPCError) -> [UInt8] {
        CanonicalJSON.encode(["jsonrpc": "2.0", "id": id.json, "error": error.json])
    }

    /// `{"jsonrpc":"2.0","method":"event","params":{"topic":…,"data":…}}`
    public static func event(topic: String, dataJSON: [UInt8]) -> [UInt8] {
        var out = Array(#"{"jsonrpc":"2.0","method":"event","params":{"data":"#.utf8)
        out += dataJSON
        out += Array(#","topic":"#.utf8)
        out += CanonicalJSON.encode(.string(topic))
        out += Array("}}".utf8)
        return out
    }

    /// Joins encoded responses into a batch response array.
    public static func batch(_ responses: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, response) in responses.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += response
        }
        out.append(UInt8(ascii: "]"))
        return out
    }
}

/// What a client reads from the server: a response to one of its requests, or an event.
public enum RPCServerMessage: Sendable, Hashable {
    case response(id: RPCID, result: Result<JSONValue, RPCError>)
    case event(topic: String, data: JSONValue)

    /// Decodes one server frame; a batch response yields several messages.
    public static func decode(_ bytes: some Collection<UInt8>) throws(JSONParser.ParseError) -> [RPCServerMessage] {
        let value = try JSONParser.parse(bytes)
        if case .array(let items) = value { return items.compactMap(message) }
        return message(value).map { [$0] } ?? []
    }

    static func message(_ value: JSONValue) -> RPCServerMessage? {
        if value["method"]?.stringValue == RPCMessage.eventMethod,
            let topic = value["params"]?["topic"]?.stringValue
        {
            return .event(topic: topic, data: value["params"]?["data"] ?? .null)
        }
        guard let rawID = value["id"], let id = RPCID(json: rawID) else { return nil }
        if let error = value["error"] {
            return .response(id: id, result: .failure(RPCError(json: error) ?? RPCError(.internalError, reason: "unreadable error object")))
        }
        return .response(id: id, result: .success(value["result"] ?? .null))
    }
}
