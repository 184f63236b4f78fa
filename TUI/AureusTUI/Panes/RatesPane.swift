import AureusProtocol

/// The live webhook rates pane: per (source, kind, metric) the 1 s / 10 s / 60 s rates, the
/// total and a braille sparkline, with the ingest totals and rejection counters underneath.
///
/// Fed by `RatesSnapshot`s: the `rates.snapshot` answer after every (re)connect and `event`
/// notifications on the "rates" topic (at most 4 a second). Each snapshot is complete, so the
/// newest one replaces the last; only the per-series `RateHistory` accumulates, so the
/// sparkline can be wider than the server's 300 s of history.
///
/// - Important: the selection follows its series (by key), not its row, because rows move
///   under the rate sort several times a second.
public struct RatesPane: Pane {
    public let id = PaneID.rates
    /// The newest snapshot; nil until the server sent one.
    public private(set) var snapshot: RatesSnapshot?
    /// Per-series history, for the sparklines; series the server stops reporting are dropped.
    public private(set) var histories: [RateSeriesKey: RateHistory] = [:]
    public private(set) var sort = RatesSort.rate
    /// The `/` filter on source, kind and metric.
    public private(set) var filterField = FilterField()
    /// Index of the selected row in `visibleSeries`.
    public private(set) var selected = 0
    /// The series whose latest values the detail view lists, and how far it is scrolled.
    public private(set) var detail: (key: RateSeriesKey, scroll: Int)?

    public init() {}

    public var hasLoaded: Bool { snapshot != nil }
    public var filter: String { filterField.text }

    // MARK: Data

    /// Takes a snapshot (from either the RPC answer or a notification).
    public mutating func receive(_ snapshot: RatesSnapshot) {
        let keep = selectedKey
        var next: [RateSeriesKey: RateHistory] = [:]
        for series in snapshot.series {
            let key = RateSeriesKey(series)
            var history = histories[key] ?? RateHistory()
            history.record(series, at: snapshot.time)
            next[key] = history
        }
        histories = next
        self.snapshot = snapshot
        reselect(keep)
    }

    /// The series that pass the filter, in the current sort order.
    public var visibleSeries: [RateSeries] {
        let all = snapshot?.series ?? []
        return sort.sorted(all.filter { filterField.matches([$0.source, $0.kind, $0.metric, $0.source + "/" + $0.metric]) })
    }

    public var selectedSeries: RateSeries? {
        let visible = visibleSeries
        return visible.indices.contains(selected) ? visible[selected] : nil
    }

    private var selectedKey: RateSeriesKey? { selectedSeries.map(RateSeriesKey.init) }

    private mutating func reselect(_ key: RateSeriesKey?) {
        let visible = visibleSeries
        if let key, let index = visible.firstIndex(where: { RateSeriesKey($0) == key }) {
            selected = index
        } else {
            selected = min(selected, max(0, visible.count - 1))
        }
    }

    /// The series shown in the detail view, while the server still reports it.
    public var detailSeries: RateSeries? {
        guard let key = detail?.key else { return nil }
        return snapshot?.series.first { RateSeriesKey($0) == key }
    }

    /// The newest value per masked user for `key`'s source and metric, by user.
    public func latestValues(for key: RateSeriesKey) -> [LatestValue] {
        (snapshot?.latest ?? []).filter { $0.source == key.source && $0.metric == key.metric }.sorted { $0.user < $1.user }
    }

    // MARK: Pane

    public var note: String {
        guard let snapshot else { return "" }
        let count = snapshot.series.count
        return filter.isEmpty ? "\(count) series" : "\(visibleSeries.count)/\(count) match"
    }

    public var keyContexts: [KeyContext] { detail != nil ? [.detail] : [.rates, .list] }

    public var isEditingText: Bool { filterField.isEditing }

    public mutating func edit(_ key: Key) {
        guard filterField.isEditing else { return }
        let keep = selectedKey
        filterField.edit(key)
        reselect(keep)
    }

    /// Sets the filter directly (`:filter TEXT` while this pane has focus).
    public mutating func setFilter(_ text: String) {
        let keep = selectedKey
        filterField.set(text)
        reselect(keep)
    }

    public mutating func perform(_ command: Command, pageSize: Int) -> [AppEffect]? {
        if let current = detail { return performInDetail(command, current: current, pageSize: pageSize) }
        switch command {
        case .filter: filterField.begin()
        case .back:
            guard !filter.isEmpty else { return nil }
            setFilter("")
        case .cycleSort:
            let keep = selectedKey
            sort = sort.next
            reselect(keep)
        case .open:
            guard let series = selectedSeries else { return [] }
            detail = (RateSeriesKey(series), 0)
        default:
            guard let moved = ListNavigation.position(after: command, from: selected, count: visibleSeries.count, page: pageSize) else { return nil }
            selected = moved
        }
        return []
    }

    private mutating func performInDetail(_ command: Command, current: (key: RateSeriesKey, scroll: Int), pageSize: Int) -> [AppEffect]? {
        switch command {
        case .back, .open: detail = nil
        default:
            let count = latestValues(for: current.key).count
            guard let moved = ListNavigation.position(after: command, from: current.scroll, count: count, page: pageSize) else { return nil }
            detail = (current.key, moved)
        }
        return []
    }
}

/// Which rate series a row is: the server reports one per (source, kind, metric).
public struct RateSeriesKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var source: String
    public var kind: String
    public var metric: String

    public init(source: String, kind: String, metric: String) {
        self.source = source
        self.kind = kind
        self.metric = metric
    }

    public init(_ series: RateSeries) { self.init(source: series.source, kind: series.kind, metric: series.metric) }

    public static func < (lhs: RateSeriesKey, rhs: RateSeriesKey) -> Bool {
        (lhs.source, lhs.kind, lhs.metric) < (rhs.source, rhs.kind, rhs.metric)
    }

    public var description: String { source + "/" + metric }
}

/// The rates pane's row orders; `s` cycles through them.
public enum RatesSort: String, Hashable, Sendable, CaseIterable {
    /// Busiest first (1 s rate, then 60 s rate), the default: what is happening now.
    case rate
    /// By source, kind, metric.
    case name
    /// Largest total first.
    case total

    public var next: RatesSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Sorts `series`; ties fall back to the name so rows do not swap places at random.
    func sorted(_ series: [RateSeries]) -> [RateSeries] {
        series.sorted { a, b in
            let (ka, kb) = (RateSeriesKey(a), RateSeriesKey(b))
            switch self {
            case .rate:
                if a.perSecond1s != b.perSecond1s { return a.perSecond1s > b.perSecond1s }
                if a.perSecond60s != b.perSecond60s { return a.perSecond60s > b.perSecond60s }
            case .name: break
            case .total:
                if a.total != b.total { return a.total > b.total }
            }
            return ka < kb
        }
    }
}
