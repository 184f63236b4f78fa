import AureusProtocol

/// Removes secrets from request params before they are audited or logged.
///
/// A key is secret when its lowercased name contains one of `secretMarkers`; its value is
/// replaced by "[redacted]" at any depth, so new methods are covered without a list per method.
public enum SecretRedaction {
    public static let secretMarkers = ["password", "secret", "token", "privatekey", "private_key", "signature_key", "authorization"]
    public static let placeholder: JSONValue = "[redacted]"

    public static func isSecret(key: String) -> Bool {
        let lowered = key.lowercased()
        return secretMarkers.contains { lowered.contains($0) }
    }

    public static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, member) in members {
                out[key] = isSecret(key: key) ? placeholder : redact(member)
            }
            return .object(out)
        case .array(let items):
            return .array(items.map(redact))
        default:
            return value
        }
    }
}

/// A user identity for logs: shows the first character and a short keyed fingerprint, never
/// the name itself, so logs can be correlated without naming people.
public struct MaskedUser: Sendable, CustomStringConvertible {
    public let description: String

    /// - Parameter fingerprint: a short stable digest of the name (the server passes a keyed hash).
    public init(_ username: String, fingerprint: String) {
        let first = username.first.map(String.init) ?? "?"
        description = "\(first)***#\(fingerprint.prefix(6))"
    }
}
