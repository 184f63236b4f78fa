/// JSON-RPC error codes: the five standard ones and Aureus' stable application codes.
///
/// Application codes live in the implementation-defined range -32000...-32099 and never change
/// meaning; `name` is what clients switch on (it is sent as `data.kind`).
public struct RPCErrorCode: Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    public let name: String
    /// The default human-readable `message`.
    public let message: String

    public init(code: Int, name: String, message: String) {
        self.code = code
        self.name = name
        self.message = message
    }

    public var description: String { "\(name) (\(code))" }

    public static let parseError = RPCErrorCode(code: -32700, name: "parse_error", message: "Parse error")
    public static let invalidRequest = RPCErrorCode(code: -32600, name: "invalid_request", message: "Invalid request")
    public static let methodNotFound = RPCErrorCode(code: -32601, name: "method_not_found", message: "Method not found")
    public static let invalidParams = RPCErrorCode(code: -32602, name: "invalid_params", message: "Invalid params")
    public static let internalError = RPCErrorCode(code: -32603, name: "internal_error", message: "Internal error")

    public static let unauthenticated = RPCErrorCode(code: -32001, name: "unauthenticated", message: "Authentication required")
    public static let forbidden = RPCErrorCode(code: -32003, name: "forbidden", message: "Forbidden")
    public static let notFound = RPCErrorCode(code: -32004, name: "not_found", message: "Not found")
    public static let conflict = RPCErrorCode(code: -32009, name: "conflict", message: "Conflict")
    public static let payloadTooLarge = RPCErrorCode(code: -32013, name: "payload_too_large", message: "Payload too large")
    public static let rateLimited = RPCErrorCode(code: -32029, name: "rate_limited", message: "Rate limited")
    public static let unavailable = RPCErrorCode(code: -32050, name: "unavailable", message: "Service unavailable")

    public static let all: [RPCErrorCode] = [
        .parseError, .invalidRequest, .methodNotFound, .invalidParams, .internalError,
        .unauthenticated, .forbidden, .notFound, .conflict, .payloadTooLarge, .rateLimited, .unavailable,
    ]

    public static func named(_ name: String) -> RPCErrorCode? { all.first { $0.name == name } }
    public static func withCode(_ code: Int) -> RPCErrorCode? { all.first { $0.code == code } }
}
