/// The four roles, ordered: each includes everything the roles below it may do.
///
/// viewer: dashboards, read-only. analyst: queries and submitting approval requests.
/// approver: deciding approvals. admin: users, sources, datasets and keys.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case viewer
    case analyst
    case approver
    case admin

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .analyst: 1
        case .approver: 2
        case .admin: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// True when this role may do what `required` may do.
    public func includes(_ required: Role) -> Bool { self >= required }
}
