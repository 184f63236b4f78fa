import AureusProtocol

/// A comparison a rule applies to one payload field.
public enum RuleOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="
    /// The field equals one of the values of an array.
    case oneOf = "in"
    /// The field is present and not null (the rule's `value` is not used).
    case exists

    var isOrdering: Bool { [.greater, .greaterOrEqual, .less, .lessOrEqual].contains(self) }
}

/// One named policy rule: "requests of `type` whose `field` `op` `value` are `risk`".
///
/// `type = "*"` matches every type; `field` may be a dotted path into nested objects
/// (`"target.environment"`). A field that is missing, or of a type the comparison cannot apply to,
/// does not match (a string never compares `>=` to a number).
public struct PolicyRule: Sendable, Hashable {
    public var name: String
    public var type: String
    public var field: String
    public var op: RuleOperator
    /// The operand: a scalar, or an array for `in`; ignored for `exists`.
    public var value: JSONValue
    public var risk: RiskLevel
    /// Breaks ties between matching rules of the same risk: higher wins, then the name sorts first.
    public var priority: Int64

    public init(name: String, type: String, field: String, op: RuleOperator, value: JSONValue, risk: RiskLevel, priority: Int64 = 0) {
        self.name = name
        self.type = type
        self.field = field
        self.op = op
        self.value = value
        self.risk = risk
        self.priority = priority
    }

    public func matches(type requestType: String, payload: JSONValue) -> Bool {
        guard type == "*" || type == requestType else { return false }
        var current: JSONValue? = payload
        for key in field.split(separator: ".", omittingEmptySubsequences: false) { current = current?[String(key)] }
        guard let actual = current, actual != .null else { return false }
        switch op {
        case .exists: return true
        case .equal: return Self.equal(actual, value)
        case .notEqual: return !Self.equal(actual, value)
        case .oneOf: return value.arrayValue?.contains { Self.equal(actual, $0) } ?? false
        case .greater, .greaterOrEqual, .less, .lessOrEqual:
            guard let order = Self.compare(actual, value) else { return false }
            switch op {
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            case .less: return order < 0
            default: return order <= 0
            }
        }
    }

    /// Numbers compare by value whatever their JSON spelling (10000 == 10000.0); others structurally.
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let order = numericOrder(lhs, rhs) { return order == 0 }
        return lhs == rhs
    }

    /// -1, 0 or 1 for two numbers or two strings; nil when they cannot be ordered.
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        if let order = numericOrder(lhs, rhs) { return order }
        if case .string(let left) = lhs, case .string(let right) = rhs { return left == right ? 0 : (left < right ? -1 : 1) }
        return nil
    }

    private static func numericOrder(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        switch (lhs, rhs) {
        case (.int(let left), .int(let right)): return left == right ? 0 : (left < right ? -1 : 1)
        case (.int, .double), (.double, .int), (.double, .double):
            guard let left = asDouble(lhs), let right = asDouble(rhs), !left.isNaN, !right.isNaN else { return nil }
            return left == right ? 0 : (left < right ? -1 : 1)
        default: return nil
        }
    }

    private static func asDouble(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}
