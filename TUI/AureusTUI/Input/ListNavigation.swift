/// Where a movement key takes a position in a list or a detail view: one rule for every pane,
/// so j/k, PgUp/PgDn, g/G behave the same in rates, approvals and audit.
enum ListNavigation {
    /// The new position for `command` from `current`, or nil when `command` is not a movement.
    /// - Parameters:
    ///   - count: the number of rows; nil when the end is not known here (a detail view whose
    ///     length only the renderer measures), which leaves it unbounded and `.bottom` unhandled.
    ///   - page: rows per page (at least 1).
    static func position(after command: Command, from current: Int, count: Int?, page: Int) -> Int? {
        let page = max(1, page)
        let last = count.map { max(0, $0 - 1) }
        func clamp(_ value: Int) -> Int { min(max(0, value), last ?? Int.max) }
        switch command {
        case .scrollDown: return clamp(current + 1)
        case .scrollUp: return clamp(current - 1)
        case .pageDown: return clamp(current + page)
        case .pageUp: return clamp(current - page)
        case .top: return 0
        case .bottom: return last
        default: return nil
        }
    }
}
