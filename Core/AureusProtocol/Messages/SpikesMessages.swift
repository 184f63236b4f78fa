/// The `spikes` topic: one `SpikesFrame` per running neural source about every 50 ms.
///
/// Detection always runs on every sample; what a client receives is cut to its display budget
/// (`spikes.configure`), so a slow terminal never slows the detector. `omitted` says how many
/// spikes of the frame's range were left out, and `rates` (exact, from every spike) arrive about
/// once a second.
public struct SpikesFrame: Codable, Sendable, Hashable {
    /// The neural source's id (`neural.sources.list`).
    public var stream: String
    public var time: Timestamp
    public var sampleRate: Double
    public var channelCount: Int
    /// The sample range this frame covers: `[fromSample, toSample)`.
    public var fromSample: Int64
    public var toSample: Int64
    /// Spikes in the range, in sample order (a subset when the budget cut it).
    public var spikes: [SpikeMark]
    /// Spikes detected in the range but not sent (display budget).
    public var omitted: Int
    /// Firing rate per channel in Hz over the last second; present about once a second.
    public var rates: [Float]?

    public init(
        stream: String,
        time: Timestamp,
        sampleRate: Double,
        channelCount: Int,
        fromSample: Int64,
        toSample: Int64,
        spikes: [SpikeMark],
        omitted: Int = 0,
        rates: [Float]? = nil
    ) {
        self.stream = stream
        self.time = time
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.fromSample = fromSample
        self.toSample = toSample
        self.spikes = spikes
        self.omitted = omitted
        self.rates = rates
    }
}

/// One detected spike. On the wire it is the compact array `[channel, sample, amplitude]`
/// (amplitude in µV, signed; the filtered extremum) because a frame can carry thousands.
public struct SpikeMark: Codable, Sendable, Hashable {
    public var channel: Int
    public var sample: Int64
    public var amplitude: Float

    public init(channel: Int, sample: Int64, amplitude: Float) {
        self.channel = channel
        self.sample = sample
        self.amplitude = amplitude
    }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        channel = try container.decode(Int.self)
        sample = try container.decode(Int64.self)
        amplitude = try container.decode(Float.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(channel)
        try container.encode(sample)
        try container.encode(amplitude)
    }
}

/// `spikes.configure` params: how much of the `spikes` topic this connection can draw.
public struct SpikesConfigureParams: Codable, Sendable, Hashable {
    /// Most spikes per second to send (all streams together); 0 sends rates only.
    /// Clamped to `SpikesBudget.range`.
    public var maxSpikesPerSecond: Int

    public init(maxSpikesPerSecond: Int) { self.maxSpikesPerSecond = maxSpikesPerSecond }
}

/// `spikes.configure` result: the budget now in force.
public struct SpikesConfigureResult: Codable, Sendable, Hashable {
    public var maxSpikesPerSecond: Int

    public init(maxSpikesPerSecond: Int) { self.maxSpikesPerSecond = maxSpikesPerSecond }
}

/// Display budget limits shared by server and client.
public enum SpikesBudget {
    /// Until a connection says otherwise.
    public static let defaultPerSecond = 5_000
    public static let range = 0...200_000
    /// How often a running source publishes a frame.
    public static let frameIntervalMilliseconds: Int64 = 50
}

/// `spikes.snapshot` params: the last `seconds` of one stream (default: the first running one).
public struct SpikesSnapshotParams: Codable, Sendable, Hashable {
    public var stream: String?
    /// 0.1–60; default 5.
    public var seconds: Double?
    /// Most spikes to return (newest kept); default and maximum 100,000.
    public var limit: Int?

    public init(stream: String? = nil, seconds: Double? = nil, limit: Int? = nil) {
        self.stream = stream
        self.seconds = seconds
        self.limit = limit
    }
}

/// `spikes.snapshot` result: one frame covering the requested window, for backfill.
public struct SpikesSnapshot: Codable, Sendable, Hashable {
    /// Every neural source the server knows, running or not.
    public var sources: [NeuralSourceInfo]
    /// The window of the chosen stream; nil when there is no stream.
    public var frame: SpikesFrame?

    public init(sources: [NeuralSourceInfo], frame: SpikesFrame?) {
        self.sources = sources
        self.frame = frame
    }
}

/// `spikes.snippets` params: recent waveforms around spikes on one channel.
public struct SpikesSnippetsParams: Codable, Sendable, Hashable {
    public var stream: String
    public var channel: Int
    /// Most snippets, newest first; default 8, maximum 64.
    public var count: Int?

    public init(stream: String, channel: Int, count: Int? = nil) {
        self.stream = stream
        self.channel = channel
        self.count = count
    }
}

/// `spikes.snippets` result.
public struct SpikesSnippets: Codable, Sendable, Hashable {
    public var stream: String
    public var channel: Int
    public var sampleRate: Double
    /// Samples before the spike's peak in each snippet (the peak is at this index).
    public var preSamples: Int
    public var snippets: [SpikeSnippet]

    public init(stream: String, channel: Int, sampleRate: Double, preSamples: Int, snippets: [SpikeSnippet]) {
        self.stream = stream
        self.channel = channel
        self.sampleRate = sampleRate
        self.preSamples = preSamples
        self.snippets = snippets
    }
}

/// The filtered waveform (µV) around one spike.
public struct SpikeSnippet: Codable, Sendable, Hashable {
    public var sample: Int64
    public var samples: [Float]

    public init(sample: Int64, samples: [Float]) {
        self.sample = sample
        self.samples = samples
    }
}
