/// The five dashboard panes, in screen and number-key order.
public enum PaneID: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case rates = 1
    case approvals = 2
    case audit = 3
    case gpu = 4
    case spikes = 5

    public var title: String {
        switch self {
        case .rates: "Rates"
        case .approvals: "Approvals"
        case .audit: "Audit"
        case .gpu: "GPU"
        case .spikes: "Spikes"
        }
    }

    public var description: String { title }

    /// The pane after this one, wrapping around (Tab).
    public var next: PaneID { PaneID(rawValue: rawValue % 5 + 1)! }

    /// The pane before this one, wrapping around (Shift-Tab).
    public var previous: PaneID { PaneID(rawValue: (rawValue + 3) % 5 + 1)! }
}
