/// How dangerous an approval request is; the policy maps each level to a quorum.
///
/// Ordered so that policy evaluation can pick the highest-risk matching rule with `max()`.
public enum RiskLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low
    case medium
    case high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool { lhs.rank < rhs.rank }
}
