import AureusProtocol

/// The audit trail pane: a live tail (newest first) fed by `audit.tail` pages and `event`
/// notifications on the "audit" topic, with scrolling, a substring filter and a detail view.
///
/// - Important: at most `capacity` events are kept; the oldest are dropped first. Events are
///   kept sorted by `seq` descending and de-duplicated, so a page that overlaps live events
///   (the usual case right after a reconnect) merges cleanly.
public struct AuditPane: Pane {
    public static let capacity = 5_000
    public static let pageLimit = 200

    public let id = PaneID.audit
    public private(set) var events: [AuditEvent] = []
    /// The `/` filter (case-insensitive substring of actor, action, target or outcome).
    public private(set) var filterField = FilterField()
    /// The active filter text.
    public var filter: String { filterField.text }
    /// Non-nil while the user is typing the filter.
    public var filterEditor: LineEditor? { filterField.editor }
    /// Index of the selected row in `visibleEvents`.
    public private(set) var selected = 0
    /// The event shown in the detail view, and how far it is scrolled.
    public private(set) var detail: (seq: Int64, scroll: Int)?
    /// Cursor for the next older page; nil when the start of the log is loaded.
    public private(set) var olderCursor: Int64?
    public private(set) var hasLoaded = false
    private var loadingOlder = false

    public init() {}

    // MARK: Data

    /// Takes a page from `audit.tail`. The first page (`cursor == nil` request) also tells us
    /// where older pages start; later pages extend the history.
    public mutating func receive(page: AuditTailResult, isOlderPage: Bool) {
        let keep = selectedSeq
        merge(page.events)
        if isOlderPage || !hasLoaded || olderCursor == nil { olderCursor = page.nextCursor }
        hasLoaded = true
        loadingOlder = false
        reselect(keep)
    }

    /// Takes one live event from the subscription.
    public mutating func receive(live event: AuditEvent) {
        let keep = selected == 0 ? nil : selectedSeq
        merge([event])
        reselect(keep)
    }

    private mutating func merge(_ incoming: [AuditEvent]) {
        guard !incoming.isEmpty else { return }
        if let newest = events.first, incoming.count == 1, incoming[0].seq > newest.seq {
            events.insert(incoming[0], at: 0)
        } else {
            var bySeq: [Int64: AuditEvent] = [:]
            for event in events { bySeq[event.seq] = event }
            for event in incoming { bySeq[event.seq] = event }
            events = bySeq.values.sorted { $0.seq > $1.seq }
        }
        if events.count > Self.capacity { events.removeLast(events.count - Self.capacity) }
    }

    /// The events that pass the filter, newest first.
    public var visibleEvents: [AuditEvent] {
        guard !filter.isEmpty else { return events }
        return events.filter { filterField.matches([$0.actor, $0.action, $0.target ?? "", $0.outcome]) }
    }

    public var selectedEvent: AuditEvent? {
        let visible = visibleEvents
        return visible.indices.contains(selected) ? visible[selected] : nil
    }

    private var selectedSeq: Int64? { selectedEvent?.seq }

    private mutating func reselect(_ seq: Int64?) {
        let visible = visibleEvents
        if let seq, let index = visible.firstIndex(where: { $0.seq == seq }) {
            selected = index
        } else {
            selected = min(selected, max(0, visible.count - 1))
        }
    }

    public var detailEvent: AuditEvent? {
        guard let seq = detail?.seq else { return nil }
        return events.first { $0.seq == seq }
    }

    // MARK: Pane

    public var note: String {
        guard hasLoaded else { return "" }
        return filter.isEmpty ? "\(events.count) events" : "\(visibleEvents.count)/\(events.count) match"
    }

    public var keyContexts: [KeyContext] { detail != nil ? [.detail] : [.list] }

    public var isEditingText: Bool { filterField.isEditing }

    public mutating func edit(_ key: Key) {
        guard filterField.isEditing else { return }
        let keep = selectedSeq
        filterField.edit(key)
        reselect(keep)
    }

    public mutating func perform(_ command: Command, pageSize: Int) -> [AppEffect]? {
        if detail != nil { return performInDetail(command, pageSize: pageSize) }
        let count = visibleEvents.count
        let page = max(1, pageSize)
        switch command {
        case .filter: filterField.begin()
        case .back:
            guard !filter.isEmpty else { return nil }
            let keep = selectedSeq
            filterField.set("")
            reselect(keep)
        case .open:
            guard let event = selectedEvent else { return [] }
            detail = (event.seq, 0)
        default:
            guard let moved = ListNavigation.position(after: command, from: selected, count: count, page: page) else { return nil }
            selected = moved
        }
        return needsOlderPage(pageSize: page) ? requestOlderPage() : []
    }

    private mutating func performInDetail(_ command: Command, pageSize: Int) -> [AppEffect]? {
        guard let current = detail else { return nil }
        switch command {
        case .back, .open: detail = nil
        default:
            guard let moved = ListNavigation.position(after: command, from: current.scroll, count: nil, page: pageSize) else { return nil }
            detail = (current.seq, moved)
        }
        return []
    }

    /// Near the end of what is loaded, with more on the server: fetch the next older page.
    private func needsOlderPage(pageSize: Int) -> Bool {
        filter.isEmpty && !loadingOlder && olderCursor != nil && selected >= events.count - pageSize
    }

    private mutating func requestOlderPage() -> [AppEffect] {
        guard let cursor = olderCursor else { return [] }
        loadingOlder = true
        return [.sendRPC(method: RPCMethods.auditTail.name, params: .object(["cursor": .int(cursor), "limit": .int(Int64(Self.pageLimit))]))]
    }
}

extension AuditPane {
    /// Sets the filter directly (`:filter TEXT`), keeping the selected event if it still matches.
    public mutating func setFilter(_ text: String) {
        let keep = selectedEvent?.seq
        filterField.set(text)
        let visible = visibleEvents
        selected = keep.flatMap { seq in visible.firstIndex { $0.seq == seq } } ?? 0
    }
}
