/// The one error type that crosses the JSON-RPC edge: a code, a human `message`, and a
/// specific `reason` (sent as `data.reason`) plus optional extra data.
///
/// Every layer converts its own typed errors into this exactly once, at the edge, through
/// `RPCErrorConvertible`.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: RPCErrorCode
    public let message: String
    public let reason: String
    public let extra: [String: JSONValue]

    public init(_ code: RPCErrorCode, reason: String, message: String? = nil, extra: [String: JSONValue] = [:]) {
        self.code = code
        self.message = message ?? code.message
        self.reason = reason
        self.extra = extra
    }

    public var description: String { "\(message): \(reason)" }

    /// The JSON-RPC error object: `{"code":…, "message":…, "data":{"kind":…, "reason":…}}`.
    public var json: JSONValue {
        var data = extra
        data["kind"] = .string(code.name)
        data["reason"] = .string(reason)
        return ["code": .int(Int64(code.code)), "message": .string(message), "data": .object(data)]
    }

    /// Reads an error object sent by a server.
    public init?(json: JSONValue) {
        guard let number = json["code"]?.intValue else { return nil }
        let kind = json["data"]?["kind"]?.stringValue
        let code =
            kind.flatMap(RPCErrorCode.named) ?? RPCErrorCode.withCode(Int(number))
            ?? RPCErrorCode(code: Int(number), name: kind ?? "error_\(number)", message: "Error")
        var extra = json["data"]?.objectValue ?? [:]
        extra["kind"] = nil
        extra["reason"] = nil
        self.init(
            code,
            reason: json["data"]?["reason"]?.stringValue ?? json["message"]?.stringValue ?? "",
            message: json["message"]?.stringValue,
            extra: extra
        )
    }
}

/// Errors that know their JSON-RPC form. The edge calls `rpcError` once.
public protocol RPCErrorConvertible: Error {
    var rpcError: RPCError { get }
}

extension RPCError: RPCErrorConvertible {
    public var rpcError: RPCError { self }
}
