import AureusProtocol

/// Why a statement was not run. Sent as `invalid_params` with `data.refusal` naming the rule,
/// so scripts can tell a refused statement from a failed one.
public struct QueryRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Rule: String, Sendable, Hashable {
        case malformed
        case multipleStatements = "multiple_statements"
        case notReadOnly = "not_read_only"
        case forbiddenObject = "forbidden_object"
        case forbiddenFunction = "forbidden_function"
        /// The database itself refused (authorizer, permissions, read-only transaction).
        case database
    }

    public var rule: Rule
    public var reason: String

    public init(_ rule: Rule, _ reason: String) {
        self.rule = rule
        self.reason = reason
    }

    public var description: String { "refused (\(rule.rawValue)): \(reason)" }
}

extension QueryRefusal: RPCErrorConvertible {
    public var rpcError: RPCError {
        RPCError(.invalidParams, reason: reason, message: "Query refused", extra: ["refusal": .string(rule.rawValue)])
    }
}
