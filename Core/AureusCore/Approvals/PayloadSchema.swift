import AureusProtocol

/// The JSON type a payload field must have, as written in the policy file.
public enum JSONFieldType: String, Sendable, Hashable, CaseIterable {
    case string
    case number
    case integer
    case boolean
    case object
    case array

    public func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.boolean, .bool), (.object, .object), (.array, .array): true
        case (.number, .int), (.number, .double): true
        case (.integer, .int): true
        case (.integer, .double(let number)): number.rounded() == number && abs(number) < 9.0e15
        default: false
        }
    }
}

/// The declared shape of one request type's payload: required fields and the JSON type of each
/// known field. Fields not declared are allowed, so clients can add context without a policy change.
///
/// Declared in the policy file:
/// ```toml
/// [types.payment]
/// required = ["amount", "currency", "recipient"]
/// [types.payment.fields]
/// amount = "number"
/// currency = "string"
/// ```
public struct PayloadSchema: Sendable, Hashable {
    public var type: String
    public var required: [String]
    public var fields: [String: JSONFieldType]
    /// Risk when no rule matches a request of this type; nil means the policy's default.
    public var defaultRisk: RiskLevel?

    public init(type: String, required: [String], fields: [String: JSONFieldType], defaultRisk: RiskLevel? = nil) {
        self.type = type
        self.required = required
        self.fields = fields
        self.defaultRisk = defaultRisk
    }

    /// Checks `payload` against the schema.
    /// - Throws: `PayloadValidationError` naming the first offending field (required fields first,
    ///   in declared order, then declared fields by name, so the message is stable).
    public func validate(_ payload: JSONValue) throws(PayloadValidationError) {
        guard let members = payload.objectValue else {
            throw PayloadValidationError(type: type, field: nil, reason: "the payload must be a JSON object, got \(payload.typeName)")
        }
        for name in required {
            guard let value = members[name], value != .null else {
                throw PayloadValidationError(type: type, field: name, reason: "missing required field '\(name)'")
            }
            try check(name, value)
        }
        for name in fields.keys.sorted() where !required.contains(name) {
            if let value = members[name], value != .null { try check(name, value) }
        }
    }

    private func check(_ name: String, _ value: JSONValue) throws(PayloadValidationError) {
        guard let expected = fields[name], !expected.accepts(value) else { return }
        throw PayloadValidationError(
            type: type,
            field: name,
            reason: "field '\(name)' must be \(expected == .integer ? "an" : "a") \(expected.rawValue), got \(value.typeName)"
        )
    }
}

/// A payload did not match its type's schema (or the type is unknown); `reason` names the field.
public struct PayloadValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let type: String
    /// The offending field; nil when the problem is the payload or type as a whole.
    public let field: String?
    public let reason: String

    public init(type: String, field: String?, reason: String) {
        self.type = type
        self.field = field
        self.reason = reason
    }

    public var description: String { "invalid '\(type)' payload: \(reason)" }
}
