import AureusProtocol

/// The approvals pane: the pending queue (highest risk first, then oldest), fed by
/// `approvals.list` and the `approvals` topic, with a detail view and keyboard decisions.
///
/// Deciding is a small state machine so nothing is sent by accident: `a` on a low or medium
/// request approves at once; `r`, and `a` on a high-risk request, open a reason prompt; for high
/// risk a confirmation that repeats the request summary follows. Only then does the pane ask the
/// host to sign and send (`AppEffect.decide`). Roles that cannot decide never see `a`/`r`.
public struct ApprovalsPane: Pane {
    /// A decision being put together.
    public enum Prompt: Hashable, Sendable {
        /// Typing the reason for `verdict` on request `id`.
        case reason(id: String, verdict: String, editor: LineEditor)
        /// Waiting for y/n before sending a high-risk decision.
        case confirm(id: String, verdict: String, reason: String?)
    }

    public let id = PaneID.approvals
    /// Pending requests by id.
    public private(set) var pending: [String: ApprovalInfo] = [:]
    public private(set) var selected = 0
    public private(set) var detail: (id: String, scroll: Int)?
    public private(set) var prompt: Prompt?
    public private(set) var hasLoaded = false
    /// Who signs decisions from this dashboard: the logged-in user, when their role may decide
    /// (approver or admin); nil leaves the queue read-only.
    public private(set) var approverID: String?
    public var canDecide: Bool { approverID != nil }
    /// Requests with a decision on the way, so a second key press does not send it twice.
    public private(set) var inFlight: Set<String> = []

    public init() {}

    // MARK: Data

    /// The queue as shown: high before medium before low, then oldest first.
    public var queue: [ApprovalInfo] {
        pending.values.sorted { lhs, rhs in
            let (left, right) = (Self.rank(lhs.risk), Self.rank(rhs.risk))
            if left != right { return left > right }
            if lhs.submittedAt != rhs.submittedAt { return lhs.submittedAt < rhs.submittedAt }
            return lhs.id < rhs.id
        }
    }

    public var selectedItem: ApprovalInfo? {
        let items = queue
        return items.indices.contains(selected) ? items[selected] : nil
    }

    public var detailItem: ApprovalInfo? { detail.flatMap { pending[$0.id] } }

    /// A full list from `approvals.list` (pending only).
    public mutating func receive(list: [ApprovalInfo]) {
        let keep = selectedItem?.id
        pending = Dictionary(list.filter { $0.status == "pending" }.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        hasLoaded = true
        reselect(keep)
    }

    /// One change from the topic or a decide answer: pending requests stay, others leave.
    public mutating func receive(update: ApprovalInfo) {
        let keep = selectedItem?.id
        inFlight.remove(update.id)
        if update.status == "pending" {
            if let known = pending[update.id], known.updatedAt > update.updatedAt { return }
            pending[update.id] = update
        } else {
            pending[update.id] = nil
            if detail?.id == update.id { detail = nil }
            if case .reason(let id, _, _) = prompt, id == update.id { prompt = nil }
            if case .confirm(let id, _, _) = prompt, id == update.id { prompt = nil }
        }
        reselect(keep)
    }

    /// A decision the server refused: it can be tried again.
    public mutating func decisionFailed(id: String) { inFlight.remove(id) }

    /// The session changed: `user` may decide only with `role` approver or above.
    public mutating func setSession(user: String, role: Role?) {
        approverID = role?.includes(.approver) == true ? user : nil
        if approverID == nil { prompt = nil }
    }

    private mutating func reselect(_ id: String?) {
        let items = queue
        if let id, let index = items.firstIndex(where: { $0.id == id }) {
            selected = index
        } else {
            selected = min(selected, max(0, items.count - 1))
        }
    }

    static func rank(_ risk: String) -> Int {
        switch risk {
        case "high": 2
        case "medium": 1
        default: 0
        }
    }

    // MARK: Pane

    public var note: String {
        guard hasLoaded else { return "" }
        let high = pending.values.count { $0.risk == "high" }
        return high > 0 ? "\(pending.count) pending · \(high) high" : "\(pending.count) pending"
    }

    public var keyContexts: [KeyContext] {
        if detail != nil { return canDecide ? [.decide, .detail] : [.detail] }
        return canDecide ? [.decide, .list] : [.list]
    }

    public var isEditingText: Bool { prompt != nil }

    public mutating func perform(_ command: Command, pageSize: Int) -> [AppEffect]? {
        switch command {
        case .approve, .reject:
            guard canDecide else { return [] }
            guard let item = detailItem ?? selectedItem else { return [] }
            return begin(command == .approve ? "approve" : "reject", on: item)
        default:
            break
        }
        if let current = detail {
            switch command {
            case .back, .open: detail = nil
            default:
                guard let moved = ListNavigation.position(after: command, from: current.scroll, count: nil, page: pageSize) else { return nil }
                detail = (current.id, moved)
            }
            return []
        }
        switch command {
        case .open:
            guard let item = selectedItem else { return [] }
            detail = (item.id, 0)
        default:
            guard let moved = ListNavigation.position(after: command, from: selected, count: pending.count, page: pageSize) else { return nil }
            selected = moved
        }
        return []
    }

    /// Starts a decision: at once for a plain approval, else through the reason prompt.
    private mutating func begin(_ verdict: String, on item: ApprovalInfo) -> [AppEffect] {
        guard !inFlight.contains(item.id) else { return [] }
        if verdict == "approve" && item.risk != "high" { return send(item, verdict: verdict, reason: nil) }
        prompt = .reason(id: item.id, verdict: verdict, editor: LineEditor())
        return []
    }

    private mutating func send(_ item: ApprovalInfo, verdict: String, reason: String?) -> [AppEffect] {
        guard let approverID else { return [] }
        prompt = nil
        inFlight.insert(item.id)
        return [.decide(approval: item, verdict: verdict, reason: reason, approverID: approverID)]
    }

    /// Keys while a prompt is open. Returns the decide effect when the user completes it.
    public mutating func editReturningEffects(_ key: Key) -> [AppEffect] {
        switch prompt {
        case nil:
            return []
        case .reason(let id, let verdict, var editor):
            switch editor.handle(key) {
            case .editing:
                prompt = .reason(id: id, verdict: verdict, editor: editor)
            case .cancelled:
                prompt = nil
            case .submitted(let text):
                let reason = text.trimmingSpaces
                guard let item = pending[id] else {
                    prompt = nil
                    return []
                }
                // A reason is required here (rejections, high risk): keep the prompt until there is one.
                guard !reason.isEmpty else {
                    prompt = .reason(id: id, verdict: verdict, editor: editor)
                    return []
                }
                if item.risk == "high" {
                    prompt = .confirm(id: id, verdict: verdict, reason: reason)
                } else {
                    return send(item, verdict: verdict, reason: reason)
                }
            }
        case .confirm(let id, let verdict, let reason):
            switch key {
            case .char("y"), .char("Y"):
                guard let item = pending[id] else {
                    prompt = nil
                    return []
                }
                return send(item, verdict: verdict, reason: reason)
            case .char("n"), .char("N"), .esc, .ctrl("c"):
                prompt = nil
            default:
                break
            }
        }
        return []
    }

    public mutating func edit(_ key: Key) { _ = editReturningEffects(key) }

    /// Rows the list shows in a pane of `area` (frame and header excluded).
    public func pageSize(for area: Rect) -> Int { max(1, area.height - 3) }
}
