import AureusProtocol

/// The SQL REPL as one value: the input buffer, history, the current result window and the
/// query in flight. Keys (`perform(_:)`, `edit(_:)`) and host answers (`receive(_:)`) change
/// it and return `ReplEffect`s; it never does I/O, so every rule here is tested without a
/// server or a terminal.
///
/// ```swift
/// var repl = ReplModel(size: TerminalSize(width: 120, height: 40))
/// for character in "select * from users;" { _ = repl.edit(.char(character)) }
/// let effects = repl.perform(.submit)   // [.request(.run(id: 1, …))]
/// _ = repl.receive(.page(id: 1, firstPage, roundTripMilliseconds: 4.2))
/// ```
/// - Important: at most one query is waiting for its first page; a second Enter is refused
///   until it arrives or Ctrl-C gives up on it. A result whose cursor is still open is closed
///   (`query.cancel`) when a new result replaces it, so the server never keeps idle cursors.
public struct ReplModel: Sendable {
    public enum Focus: Hashable, Sendable {
        case input
        case result
    }

    /// A query sent with `query.run` whose first page has not come back.
    public struct PendingQuery: Hashable, Sendable {
        public var id: Int
        public var sql: String
        public var question: String?
        /// Ctrl-C came first: drop the page when it arrives and close its cursor.
        public var cancelled = false
    }

    /// The statement `\o` re-runs.
    public struct LastQuery: Hashable, Sendable {
        public var sql: String
        public var question: String?
    }

    /// Text shown in place of the result (help, a dataset's description).
    public struct Panel: Hashable, Sendable {
        public var title: String
        public var lines: [String]

        /// The lines wrapped to `width` (continuations indented two spaces), as drawn and scrolled.
        public func wrapped(width: Int) -> [String] {
            lines.flatMap { line in
                TextWidth.wrap(line, to: max(1, width - 2)).enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
            }
        }
    }

    public internal(set) var input = SQLBuffer()
    public internal(set) var history: ReplHistory
    public internal(set) var search: HistorySearch?
    public internal(set) var result: ResultWindow?
    public internal(set) var panel: Panel?
    public internal(set) var pending: PendingQuery?
    public internal(set) var lastQuery: LastQuery?
    public internal(set) var expanded = ExpandedMode.off
    public internal(set) var showTiming = true
    public internal(set) var catalog: [DatasetSummary] = []
    public internal(set) var focus = Focus.input
    /// First row (table) or record (expanded) shown, as an absolute result index.
    public internal(set) var top = 0
    /// First column shown (horizontal scroll, whole columns).
    public internal(set) var leftColumn = 0
    /// First line of the panel shown.
    public internal(set) var panelTop = 0
    /// The last thing to tell the user; stays until something replaces it or a statement runs.
    public internal(set) var message: StatusMessage?
    /// The question of the `\ask` proposal in the buffer, sent along with it when it runs.
    public internal(set) var proposalQuestion: String?
    public internal(set) var asking = false
    public internal(set) var exporting = false
    public var size: TerminalSize
    /// Rows per `query.run` / `query.fetch` page.
    public let pageSize: Int
    /// Most rows held at once (`ResultWindow.capacity`).
    public let capacity: Int
    public let keyMap: KeyMap
    var nextID = 1
    /// Names this REPL's queries on the server (`queryID`), so Ctrl-C can cancel a statement
    /// whose first page has not arrived; random so two REPLs of one user never collide.
    let serverTag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    var catalogRequested = false
    var showCatalogOnArrival = false
    /// Queries closed because a new result replaced them: their `cancelled` answer is silent.
    var quietCancels: Set<Int> = []

    public init(
        size: TerminalSize = TerminalSize(width: 80, height: 24),
        history: [String] = [],
        pageSize: Int = 500,
        capacity: Int = ResultWindow.defaultCapacity,
        keyMap: KeyMap = .standard
    ) {
        self.size = size
        self.history = ReplHistory(history)
        self.pageSize = pageSize
        self.capacity = capacity
        self.keyMap = keyMap
    }

    /// Replaces the history with what the host read from the history file.
    public mutating func loadHistory(_ entries: [String]) { history = ReplHistory(entries, capacity: history.capacity) }

    /// The key contexts now: none while searching (every key goes to the search), the result's
    /// own keys when it has focus, else the input's.
    public var keyContexts: [KeyContext] {
        if search != nil { return [] }
        return focus == .result ? [.result] : [.repl]
    }

    /// Where everything goes at the current size.
    public var layout: ReplLayout {
        ReplLayout(size: size, inputLines: search == nil ? input.lines.count : 1, messageLines: messageLines.count)
    }

    /// The message wrapped to the screen width, at most three lines.
    public var messageLines: [String] {
        guard let text = statusText else { return [] }
        return Array(TextWidth.wrap(Sanitizer.clean(text), to: max(1, size.width - 2)).prefix(3))
    }

    /// The message, or what is going on when there is none.
    public var statusText: String? {
        if let message { return message.text }
        if isRunning { return "running… (^C cancels)" }
        if asking { return "asking the model…" }
        if exporting { return "exporting…" }
        return nil
    }

    /// Whether the result shows one block per record now (`\x`, or `\x auto` and too wide).
    public var isExpanded: Bool {
        guard let result else { return false }
        switch expanded {
        case .on: return true
        case .off: return false
        case .auto: return result.columns.count > 1 && ResultView.tableWidth(result) > layout.resultInside.width
        }
    }

    /// Rows (or records, when expanded) that fit on screen: what a page key moves.
    public var visibleCount: Int {
        guard let result else { return max(1, layout.resultInside.height) }
        return ResultView.visibleCount(result, area: layout.resultInside, expanded: isExpanded)
    }

    /// A query waits for its first page and the user has not given up on it.
    public var isRunning: Bool { pending.map { !$0.cancelled } ?? false }

    /// Something the screen will change for is on its way (a page, a proposal, an export).
    public var isWaitingForServer: Bool { pending != nil || result?.fetching == true || asking || exporting }

    mutating func show(_ text: String, error: Bool = false) { message = StatusMessage(text, isError: error) }
}
