import AureusProtocol

/// The approval policy: which payloads each request type accepts, which risk a request gets, and
/// how many distinct approvals each risk level needs.
///
/// Parsed from TOML (`init(parsing:)`, format in `docs/approvals.md`); `ApprovalPolicy.defaultText`
/// is the shipped default. `assess(type:payload:)` is both the submission path and `policy.check`'s
/// dry run, so what a dry run says is exactly what a submission would get.
///
/// Risk: of all rules matching the request, the highest risk wins; ties go to the higher
/// `priority`, then to the name that sorts first. With no match, the type's `risk`, else
/// `[defaults] risk`.
public struct ApprovalPolicy: Sendable, Hashable {
    /// How long a pending request waits for its quorum.
    public var pendingTTLSeconds: Int64
    /// How long an approval token stays valid after it is issued.
    public var tokenTTLSeconds: Int64
    /// Risk when no rule matches and the type declares none.
    public var defaultRisk: RiskLevel
    /// Distinct approvals per level; 0 auto-approves.
    public var approvals: [RiskLevel: Int]
    public var types: [String: PayloadSchema]
    /// Sorted by name.
    public var rules: [PolicyRule]

    public static let defaultApprovals: [RiskLevel: Int] = [.low: 0, .medium: 1, .high: 2]

    public init(
        pendingTTLSeconds: Int64 = 3600,
        tokenTTLSeconds: Int64 = 900,
        defaultRisk: RiskLevel = .medium,
        approvals: [RiskLevel: Int] = ApprovalPolicy.defaultApprovals,
        types: [String: PayloadSchema] = [:],
        rules: [PolicyRule] = []
    ) {
        self.pendingTTLSeconds = pendingTTLSeconds
        self.tokenTTLSeconds = tokenTTLSeconds
        self.defaultRisk = defaultRisk
        self.approvals = approvals
        self.types = types
        self.rules = rules.sorted { $0.name < $1.name }
    }

    public func requiredApprovals(for risk: RiskLevel) -> Int { approvals[risk] ?? Self.defaultApprovals[risk] ?? 1 }

    /// Validates the payload against its type's schema and decides the risk level.
    /// - Throws: `PayloadValidationError` for an unknown type or a payload that breaks the schema.
    public func assess(type: String, payload: JSONValue) throws(PayloadValidationError) -> PolicyAssessment {
        guard let schema = types[type] else {
            let known = types.keys.sorted().joined(separator: ", ")
            throw PayloadValidationError(type: type, field: nil, reason: "unknown request type '\(type)' (known: \(known))")
        }
        try schema.validate(payload)
        let fired = rules.filter { $0.matches(type: type, payload: payload) }.max { lhs, rhs in
            if lhs.risk != rhs.risk { return lhs.risk < rhs.risk }
            if lhs.priority != rhs.priority { return lhs.priority < rhs.priority }
            return lhs.name > rhs.name
        }
        let risk = fired?.risk ?? schema.defaultRisk ?? defaultRisk
        return PolicyAssessment(
            type: type,
            risk: risk,
            rule: fired?.name,
            requiredApprovals: requiredApprovals(for: risk),
            ttlSeconds: pendingTTLSeconds
        )
    }
}

/// The policy's verdict on one request: what `policy.check` returns and what submission stores.
public struct PolicyAssessment: Sendable, Hashable {
    public var type: String
    public var risk: RiskLevel
    /// The rule that fired; nil when the type's or the policy's default risk applied.
    public var rule: String?
    public var requiredApprovals: Int
    public var ttlSeconds: Int64

    public init(type: String, risk: RiskLevel, rule: String?, requiredApprovals: Int, ttlSeconds: Int64) {
        self.type = type
        self.risk = risk
        self.rule = rule
        self.requiredApprovals = requiredApprovals
        self.ttlSeconds = ttlSeconds
    }

    public var autoApproved: Bool { requiredApprovals == 0 }

    /// The dry-run answer as JSON (`policy.check`'s result).
    public var json: JSONValue {
        [
            "type": .string(type),
            "risk": .string(risk.rawValue),
            "rule": rule.map { .string($0) } ?? .null,
            "required_approvals": .int(Int64(requiredApprovals)),
            "auto_approved": .bool(autoApproved),
            "ttl_seconds": .int(ttlSeconds),
        ]
    }
}
