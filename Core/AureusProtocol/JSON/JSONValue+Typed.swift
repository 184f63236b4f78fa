import Foundation

extension JSONValue {
    /// Decodes a typed value out of this JSON value (params into a handler's `Params` struct).
    ///
    /// - Throws: `DecodingError` whose description names the offending key path; the RPC edge
    ///   turns it into `-32602 invalid params` with that path in `data.reason`.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONCoding.decoder.decode(T.self, from: Data(CanonicalJSON.encode(self)))
    }

    /// Encodes any `Encodable` as a `JSONValue` (results that must be inspected or stored).
    public init(encoding value: some Encodable) throws {
        let data = try JSONCoding.encoder.encode(value)
        self = try JSONParser.parse(Array(data))
    }
}

/// Shared coders with the wire conventions: sorted keys so output is stable, no escaping of "/".
public enum JSONCoding {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static var decoder: JSONDecoder { JSONDecoder() }

    /// Encodes to bytes with the wire conventions.
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        Array(try encoder.encode(value))
    }

    /// A readable description of a `DecodingError`: the key path and what was wrong.
    public static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "params" : text
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(let type, let context):
            return "field '\(path(context.codingPath))' has the wrong type (expected \(type))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' is null (expected \(type))"
        case .dataCorrupted(let context):
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(decodingError)"
        }
    }
}
