import AureusProtocol

/// Feeding the spikes pane and keeping the server's display budget in line with it.
extension AppModel {
    /// The spikes pane's area now, or nil when it is not on screen (another pane zoomed, the
    /// REPL open, the terminal too small).
    var spikesArea: Rect? {
        guard mode == .dashboard else { return nil }
        return ScreenLayout(size: size, focus: focus, zoomed: zoomed).panes[.spikes]
    }

    /// The spikes pane's parts for a pane `area` (its frame is one cell wide).
    func spikesLayout(in area: Rect) -> SpikesLayout {
        SpikesLayout(inside: area.inset(by: 1), channelCount: spikes.channelCount)
    }

    /// `spikes.configure` when what the raster can show changed (size, zoom, visibility, channel
    /// count; see `RasterBudget`), checked after every key and event. Coming back on screen
    /// also asks for a snapshot, to fill the gap left while the budget was 0.
    mutating func spikesBudgetEffects() -> [AppEffect] {
        guard connection.isConnected, spikes.hasLoaded else { return [] }
        let channels = spikes.channelCount
        guard channels > 0 else { return [] }
        let budget =
            spikesArea.map { area in
                RasterBudget.perSecond(dotColumns: spikesLayout(in: area).dotColumns, channelCount: channels, windowSeconds: spikes.windowSeconds)
            } ?? 0
        guard budget != spikes.sentBudget else { return [] }
        let wasHidden = spikes.sentBudget == 0
        spikes.sentBudget = budget
        var effects = [SpikesRequests.configure(budget)]
        if wasHidden, budget > 0, let stream = spikes.stream { effects.append(SpikesRequests.snapshot(stream: stream)) }
        return effects
    }

    /// Once a second: fresh snippets for the selection while the raster is on screen and live.
    func spikesTickEffects() -> [AppEffect] {
        guard connection.isConnected, spikesArea != nil, spikes.isStreaming else { return [] }
        return spikes.snippetRequest()
    }

    /// A `spikes` topic frame.
    mutating func receiveSpikes(frame data: JSONValue) -> [AppEffect] {
        guard let frame = SpikesFrame.reading(data) else {
            show("could not read a spikes frame from the server", error: true)
            return []
        }
        return spikes.receive(frame: frame)
    }

    /// The answers to the spikes RPCs; nil for any other method.
    mutating func receiveSpikes(method: String, params: JSONValue, result: JSONValue) -> [AppEffect]? {
        switch method {
        case RPCMethods.spikesSnapshot.name:
            guard let snapshot = try? result.decode(SpikesSnapshot.self) else {
                show("could not read the spikes snapshot from the server", error: true)
                return []
            }
            setStale(.spikes, false)
            return spikes.receive(snapshot: snapshot, askedFor: params["stream"]?.stringValue)
        case RPCMethods.spikesSnippets.name:
            if let answer = try? result.decode(SpikesSnippets.self) { spikes.receive(snippets: answer) }
            return []
        case RPCMethods.spikesConfigure.name:
            return []
        default:
            return nil
        }
    }

    /// The `frame.time`s drawn since the last call, for `--trace-spikes` (the host turns
    /// recording on and calls this after each draw).
    public mutating func takeDrawnSpikeFrames() -> [Timestamp] { spikes.takeFrameTimes() }

    /// `--trace-spikes`: remember frame times until the host takes them.
    public mutating func recordSpikeFrameTimes() { spikes.recordsFrameTimes = true }

    /// Whether live spikes are on screen, so the host should poll its inbox often (the
    /// spike→screen target is 100 ms and frames come every 50 ms).
    public var wantsFastRefresh: Bool { spikesArea != nil && spikes.isStreaming }
}
