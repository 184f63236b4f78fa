/// Per-window spike counts, so analysts can query neural activity next to biometrics
/// (the `spike_summaries` dataset).
public protocol SpikeSummaryStore: Sendable {
    func insertSpikeSummaries(_ rows: [SpikeSummaryRow]) async throws
}

/// One channel's spikes in one window of a recording.
public struct SpikeSummaryRow: Sendable, Hashable {
    /// The neural source's name and id, e.g. `synthetic-96ch (n-1)`.
    public var recording: String
    public var channel: Int
    /// Start of the window on the recording's clock, anchored at the moment the source
    /// started (epoch milliseconds), so a replay at 10× still lines up with itself.
    public var windowStartMilliseconds: Int64
    public var windowMilliseconds: Int64
    public var spikeCount: Int64
    /// Mean filtered extremum in µV; nil for a silent window.
    public var meanAmplitudeMicrovolts: Double?

    public init(
        recording: String,
        channel: Int,
        windowStartMilliseconds: Int64,
        windowMilliseconds: Int64,
        spikeCount: Int64,
        meanAmplitudeMicrovolts: Double?
    ) {
        self.recording = recording
        self.channel = channel
        self.windowStartMilliseconds = windowStartMilliseconds
        self.windowMilliseconds = windowMilliseconds
        self.spikeCount = spikeCount
        self.meanAmplitudeMicrovolts = meanAmplitudeMicrovolts
    }
}
