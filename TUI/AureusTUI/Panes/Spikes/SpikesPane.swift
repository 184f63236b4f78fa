import AureusProtocol

/// The spike raster pane: channels × time in braille (2 time bins × 4 channels per cell), a
/// firing-rate heat column, and the selected channel's recent waveforms.
///
/// Fed like the GPU pane: a `spikes.snapshot` after every (re)connect and on a stream switch
/// (backfill plus the source list), then the `spikes` topic's frames; `spikes.snippets` for the
/// selected channel on selection and about once a second. It never does I/O: commands return
/// the RPCs to send, and `AppModel+Spikes` adds the display budget (`spikes.configure`).
///
/// - Important: memory is bounded per stream by `SpikeWindow.keptSeconds`; pausing keeps one
///   frozen copy of the shown window while live frames go on filling (and trimming) the other.
public struct SpikesPane: Pane {
    public let id = PaneID.spikes
    /// Every neural source the server reported in the last snapshot.
    public internal(set) var sources: [NeuralSourceInfo] = []
    public internal(set) var windows: [String: SpikeWindow] = [:]
    /// The stream on screen; nil until a snapshot or frame names one.
    public internal(set) var stream: String?
    public internal(set) var selectedChannel = 0
    /// First channel of the top raster row (a multiple of 4, so rows are channel groups).
    public internal(set) var topChannel = 0
    public internal(set) var zoomIndex = RasterZoom.defaultIndex
    /// The view as it was when paused; nil while live.
    public internal(set) var frozen: SpikeWindow?
    public internal(set) var snippets: SpikesSnippets?
    /// Why the last `spikes.snippets` failed (shown in the box, not the help bar: it repeats).
    public internal(set) var snippetError: String?
    /// Whether a snapshot has answered (until then: "Waiting for the server…").
    public internal(set) var hasLoaded = false
    /// The budget last sent with `spikes.configure` on this connection; nil: not sent yet.
    public internal(set) var sentBudget: Int?
    /// Streams seen on the topic that no snapshot listed yet, already asked about once.
    var askedAbout: Set<String> = []
    /// `frame.time` of every frame received since the host last took them (`--trace-spikes`).
    public internal(set) var recordsFrameTimes = false
    public internal(set) var undrawnFrameTimes: [Timestamp] = []

    public init() {}

    public var keyContexts: [KeyContext] { [.spikes] }
    public var isPaused: Bool { frozen != nil }
    public var windowSeconds: Double { RasterZoom.seconds[zoomIndex] }

    /// The window drawn now: the frozen one while paused, else the stream's live one.
    public var shown: SpikeWindow? { frozen ?? stream.flatMap { windows[$0] } }

    public var source: NeuralSourceInfo? { sources.first { $0.id == stream } }

    /// Stream ids to cycle through: the snapshot's order, then streams only seen on the topic.
    public var streamIDs: [String] {
        let listed = sources.map(\.id)
        return listed + windows.keys.filter { !listed.contains($0) }.sorted()
    }

    public var channelCount: Int { shown?.channelCount ?? source?.channelCount ?? 0 }

    public var note: String {
        var parts: [String] = []
        if isPaused { parts.append("PAUSED") }
        let ids = streamIDs
        if ids.count > 1, let stream, let index = ids.firstIndex(of: stream) { parts.append("stream \(index + 1)/\(ids.count)") }
        return parts.joined(separator: " · ")
    }

    /// The selected channel's rate (Hz), when rates have arrived.
    public var selectedRate: Float? {
        guard let rates = shown?.rates, selectedChannel < rates.count else { return nil }
        return rates[selectedChannel]
    }

    // MARK: Keys

    public mutating func perform(_ command: Command, pageSize: Int) -> [AppEffect]? {
        switch command {
        case .scrollUp, .scrollDown, .pageUp, .pageDown, .top, .bottom:
            let count = max(1, channelCount)
            guard let next = ListNavigation.position(after: command, from: selectedChannel, count: count, page: pageSize) else { return [] }
            return select(channel: next, visibleChannels: pageSize)
        case .zoomIn: zoomIndex = max(0, zoomIndex - 1)
        case .zoomOut: zoomIndex = min(RasterZoom.seconds.count - 1, zoomIndex + 1)
        case .togglePause:
            frozen = isPaused ? nil : shown
            return isPaused ? [] : snippetRequest()
        case .nextStream, .previousStream:
            let ids = streamIDs
            guard ids.count > 1 else { return [] }
            let index = stream.flatMap { ids.firstIndex(of: $0) } ?? 0
            let step = command == .nextStream ? 1 : ids.count - 1
            return switchStream(to: ids[(index + step) % ids.count])
        default: return nil
        }
        return []
    }

    /// Moves the selection and scrolls so it stays on screen; asks for its snippets.
    mutating func select(channel: Int, visibleChannels: Int) -> [AppEffect] {
        let changed = channel != selectedChannel
        selectedChannel = max(0, channel)
        topChannel = Self.top(keeping: selectedChannel, from: topChannel, visible: visibleChannels)
        return changed ? snippetRequest() : []
    }

    /// The top channel that keeps `selected` in a view of `visible` channels, moving as little
    /// as possible from `top` and staying on a 4-channel row boundary.
    static func top(keeping selected: Int, from top: Int, visible: Int) -> Int {
        let rows = max(1, visible / 4)
        let selectedRow = selected / 4
        var topRow = top / 4
        if selectedRow < topRow { topRow = selectedRow }
        if selectedRow >= topRow + rows { topRow = selectedRow - rows + 1 }
        return topRow * 4
    }

    mutating func switchStream(to id: String) -> [AppEffect] {
        guard id != stream else { return [] }
        stream = id
        if isPaused { frozen = windows[id] }
        snippets = nil
        snippetError = nil
        selectedChannel = min(selectedChannel, max(0, channelCount - 1))
        topChannel = min(topChannel, selectedChannel / 4 * 4)
        return [SpikesRequests.snapshot(stream: id)] + snippetRequest()
    }

    /// `spikes.snippets` for the selection, when a stream is chosen.
    func snippetRequest() -> [AppEffect] {
        guard let stream else { return [] }
        return [SpikesRequests.snippets(stream: stream, channel: selectedChannel)]
    }
}
