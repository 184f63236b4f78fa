/// A verified body could not be normalised: not JSON, or a required field missing or of the
/// wrong type. `path` names the field (`samples[3].start`) so the sender can fix it.
///
/// - Important: `reason` strings are stable API (metrics labels).
public struct NormalisationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case malformedJSON = "malformed_json"
        case missingField = "missing_field"
        case invalidField = "invalid_field"
        case tooLarge = "too_large"
    }

    public let code: Code
    /// Dotted path of the offending field; empty for the document itself.
    public let path: String
    public let detail: String

    public init(_ code: Code, path: String, _ detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var reason: String { code.rawValue }
    /// Always 400: the body, not the signature, is at fault.
    public var httpStatus: Int { 400 }

    public var description: String { path.isEmpty ? "\(reason): \(detail)" : "\(reason) at '\(path)': \(detail)" }
}
