import AureusProtocol

/// What the server sends the spikes pane: topic frames, snapshots, snippets.
extension SpikesPane {
    /// Most frame times kept for `--trace-spikes` between two draws (the host takes them each frame).
    static let frameTimeLimit = 256

    /// A `spikes` topic frame. Returns a snapshot request for a stream no snapshot listed yet
    /// (once per stream), so its name and state show up.
    public mutating func receive(frame: SpikesFrame) -> [AppEffect] {
        var window =
            windows.removeValue(forKey: frame.stream)
            ?? SpikeWindow(stream: frame.stream, sampleRate: frame.sampleRate, channelCount: frame.channelCount)
        window.append(frame)
        windows[frame.stream] = window
        if recordsFrameTimes, frame.stream == stream, !isPaused, undrawnFrameTimes.count < Self.frameTimeLimit {
            undrawnFrameTimes.append(frame.time)
        }
        var effects: [AppEffect] = []
        if stream == nil {
            stream = frame.stream
            effects += snippetRequest()
        }
        if hasLoaded, !sources.contains(where: { $0.id == frame.stream }), !askedAbout.contains(frame.stream) {
            askedAbout.insert(frame.stream)
            effects.append(SpikesRequests.snapshot(stream: frame.stream))
        }
        return effects
    }

    /// A `spikes.snapshot` answer: the source list always; the frame backfills its stream.
    /// The first one also picks the stream to show. After a reconnect the default snapshot
    /// (`askedFor` nil) may cover another stream than the one on screen: that one is asked for.
    public mutating func receive(snapshot: SpikesSnapshot, askedFor: String?) -> [AppEffect] {
        hasLoaded = true
        sources = snapshot.sources
        var effects: [AppEffect] = []
        if let frame = snapshot.frame {
            var window =
                windows.removeValue(forKey: frame.stream)
                ?? SpikeWindow(stream: frame.stream, sampleRate: frame.sampleRate, channelCount: frame.channelCount)
            window.backfill(frame)
            windows[frame.stream] = window
            if stream == nil {
                stream = frame.stream
                effects += snippetRequest()
            }
        } else if stream == nil, let running = sources.first(where: { $0.state == .running }) {
            stream = running.id
        }
        if askedFor == nil, let stream, snapshot.frame?.stream != stream, sources.contains(where: { $0.id == stream && $0.state == .running }) {
            effects.append(SpikesRequests.snapshot(stream: stream))
        }
        // Forget windows of streams the server no longer knows (and has stopped sending).
        for id in windows.keys where id != stream && !sources.contains(where: { $0.id == id }) { windows[id] = nil }
        return effects
    }

    /// A `spikes.snippets` answer; one for an earlier selection is ignored.
    public mutating func receive(snippets answer: SpikesSnippets) {
        guard answer.stream == stream, answer.channel == selectedChannel else { return }
        snippets = answer
        snippetError = nil
    }

    public mutating func snippetsFailed(_ reason: String) { snippetError = reason }

    /// The connection dropped: the server forgets this connection's budget.
    public mutating func connectionLost() { sentBudget = nil }

    /// The frame times received since the last call (`--trace-spikes`), oldest first.
    public mutating func takeFrameTimes() -> [Timestamp] {
        defer { undrawnFrameTimes.removeAll(keepingCapacity: true) }
        return undrawnFrameTimes
    }

    /// Whether live frames of the shown stream are arriving (the host polls faster then).
    public var isStreaming: Bool { !isPaused && source.map { $0.state == .running } ?? (shown != nil) }
}
