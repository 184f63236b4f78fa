import AureusProtocol

/// The rows of one result that the client holds: a sliding window over a forward-only stream.
///
/// Pages arrive from `query.run` and `query.fetch`; the window appends them and, past
/// `capacity` rows, drops the oldest, so memory stays bounded whatever the result size
/// (`\o` re-runs the query to export everything). Row indexes are absolute (row 0 is the
/// first row of the result) so the footer can say "rows 20,001–20,040".
///
/// Column widths are measured once per page as it arrives, never per frame: a screen draws
/// only the visible rows, and widths never depend on which rows happen to be visible.
public struct ResultWindow: Hashable, Sendable {
    public static let defaultCapacity = 20_000
    /// Measured widths stop growing here; the renderer cuts long values to the screen anyway.
    static let widthLimit = 400

    /// The REPL's id for the query (0 for tables built locally, like `\dt`).
    public let queryID: Int
    public let columns: [QueryColumn]
    public private(set) var rows: [[JSONValue]] = []
    /// Absolute index of `rows[0]`: how many rows were dropped.
    public private(set) var firstIndex = 0
    public let capacity: Int
    /// The server cursor for the next page; nil once done, cancelled or closed.
    public private(set) var cursor: String?
    public private(set) var done = false
    public private(set) var truncated = false
    public private(set) var rowLimit = 0
    public private(set) var evidenceID: String?
    public private(set) var masking: [String: String] = [:]
    /// Server time to the first page. Later pages' times include however long the user took
    /// to scroll, so they say nothing about the query.
    public private(set) var serverMilliseconds: Double?
    /// The first page's round trip as the client measured it (Enter to answer).
    public private(set) var totalMilliseconds: Double?
    /// Widest display width per column (header included), capped at `widthLimit`.
    public private(set) var widths: [Int]
    /// Columns to right-align: numeric by declared type, or (untyped) by their values.
    public private(set) var numeric: [Bool]
    /// Shown in the footer instead of evidence and timing (local tables such as `\d`).
    public var caption: String?
    /// A `query.fetch` is on its way.
    public internal(set) var fetching = false
    /// Why the stream ended early ("cancelled", "fetch failed"), nil while it may go on.
    public private(set) var stopped: String?

    /// A window opened by the first page of query `queryID`.
    public init(queryID: Int, first page: QueryPage, roundTripMilliseconds: Double?, capacity: Int = ResultWindow.defaultCapacity) {
        self.queryID = queryID
        self.columns = page.columns
        self.capacity = max(1, capacity)
        widths = page.columns.map { TextWidth.width(of: Sanitizer.clean($0.name)) }
        numeric = page.columns.map { CellText.isNumericType($0.type) }
        firstIndex = page.offset
        append(page)
        serverMilliseconds = page.elapsedMilliseconds
        totalMilliseconds = roundTripMilliseconds
        for index in columns.indices where columns[index].type.isEmpty {
            let values = page.rows.filter { index < $0.count }.map { $0[index] }.filter { $0 != .null }
            numeric[index] = !values.isEmpty && values.allSatisfy(CellText.isNumeric)
        }
    }

    /// A finished table built by the client (dataset listings), with a footer caption.
    public init(columns: [QueryColumn], rows: [[JSONValue]], caption: String?) {
        let page = QueryPage(
            cursor: nil,
            columns: columns,
            rows: rows,
            offset: 0,
            done: true,
            truncated: false,
            rowLimit: rows.count,
            elapsedMilliseconds: 0,
            evidenceID: "",
            masking: [:]
        )
        self.init(queryID: 0, first: page, roundTripMilliseconds: nil)
        self.caption = caption
        serverMilliseconds = nil
        totalMilliseconds = nil
        evidenceID = nil
    }

    /// One past the absolute index of the last row held.
    public var endIndex: Int { firstIndex + rows.count }
    /// Rows dropped from the front to stay within `capacity`.
    public var droppedCount: Int { firstIndex }
    /// More rows can be fetched.
    public var hasMore: Bool { cursor != nil && !done }

    /// The row with absolute index `index`, if held.
    public func row(_ index: Int) -> [JSONValue]? {
        guard index >= firstIndex, index < endIndex else { return nil }
        return rows[index - firstIndex]
    }

    /// Adds the next page and drops the oldest rows beyond `capacity`.
    public mutating func append(_ page: QueryPage) {
        fetching = false
        guard stopped == nil else { return }
        for row in page.rows {
            for (index, value) in row.prefix(columns.count).enumerated() where widths[index] < Self.widthLimit {
                widths[index] = min(Self.widthLimit, max(widths[index], CellText.width(value)))
            }
        }
        rows.append(contentsOf: page.rows)
        if rows.count > capacity {
            let drop = rows.count - capacity
            rows.removeFirst(drop)
            firstIndex += drop
        }
        cursor = page.done ? nil : page.cursor
        done = page.done || page.cursor == nil
        truncated = truncated || page.truncated
        rowLimit = page.rowLimit
        evidenceID = page.evidenceID.isEmpty ? evidenceID : page.evidenceID
        masking = page.masking
    }

    /// Stops the stream here (Ctrl-C, a failed fetch): no more fetches; late pages are ignored.
    public mutating func stop(_ reason: String) {
        cursor = nil
        fetching = false
        stopped = reason
    }

    mutating func setFetching(_ value: Bool) { fetching = value }
}
