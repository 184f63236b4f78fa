import AureusProtocol

/// Scrolling through the result and fetching the next page before the user reaches the end.
extension ReplModel {
    /// Rows ahead of the last visible one that must already be loaded; closer than this,
    /// the next page is fetched, so paging down rarely waits for the network.
    static let prefetchMargin = 100

    /// The REPL was opened (or connected): load the dataset list for completion, once.
    public mutating func opened() -> [ReplEffect] {
        guard !catalogRequested else { return [] }
        catalogRequested = true
        return [.request(.listDatasets)]
    }

    /// The terminal changed size: keep the scroll position valid.
    public mutating func resized(_ newSize: TerminalSize) -> [ReplEffect] {
        size = newSize
        clampScroll()
        return fetchIfNeeded()
    }

    mutating func scroll(_ command: Command) -> [ReplEffect] {
        if panel != nil {
            let inside = layout.resultInside
            let count = max(1, (panel?.wrapped(width: inside.width).count ?? 0) - inside.height + 1)
            panelTop = ListNavigation.position(after: command, from: panelTop, count: count, page: max(1, inside.height)) ?? panelTop
            return []
        }
        guard let window = result else { return [] }
        switch command {
        case .scrollLeft: leftColumn = max(0, leftColumn - 1)
        case .scrollRight: leftColumn = min(max(0, window.columns.count - 1), leftColumn + 1)
        case .top: top = window.firstIndex
        case .bottom: top = maxTop
        default:
            let relative = ListNavigation.position(after: command, from: top - window.firstIndex, count: nil, page: visibleCount) ?? 0
            top = window.firstIndex + relative
        }
        clampScroll()
        return fetchIfNeeded()
    }

    /// The last useful `top`: the final screenful of a table, the last record when expanded.
    var maxTop: Int {
        guard let window = result else { return 0 }
        let last = isExpanded ? window.endIndex - 1 : window.endIndex - visibleCount
        return max(window.firstIndex, last)
    }

    /// Keeps `top` inside the rows held (dropped rows are gone) and `leftColumn` on a column.
    mutating func clampScroll() {
        guard let window = result else { return }
        top = min(max(top, window.firstIndex), maxTop)
        leftColumn = min(leftColumn, max(0, window.columns.count - 1))
    }

    /// `query.fetch` when the visible rows come within `prefetchMargin` of the end of what is
    /// loaded and more can come; at most one fetch is in flight per result.
    mutating func fetchIfNeeded() -> [ReplEffect] {
        guard let window = result, window.queryID != 0, window.hasMore, !window.fetching, let cursor = window.cursor else { return [] }
        guard top + visibleCount + Self.prefetchMargin >= window.endIndex else { return [] }
        result?.setFetching(true)
        return [.request(.fetch(id: window.queryID, QueryFetchParams(cursor: cursor, pageSize: pageSize)))]
    }
}
