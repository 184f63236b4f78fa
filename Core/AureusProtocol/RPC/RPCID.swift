/// A JSON-RPC request id: a string, an integer, or null (for errors about unreadable requests).
public enum RPCID: Sendable, Hashable, CustomStringConvertible {
    case int(Int64)
    case string(String)
    case null

    public var json: JSONValue {
        switch self {
        case .int(let value): .int(value)
        case .string(let value): .string(value)
        case .null: .null
        }
    }

    /// Reads an id from a request member; nil when the JSON type is not a valid id.
    public init?(json: JSONValue) {
        switch json {
        case .int(let value): self = .int(value)
        case .string(let value): self = .string(value)
        case .null: self = .null
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .string(let value): value
        case .null: "null"
        }
    }
}
