/// `neural.sources.start` params: what to replay or accept, how fast, and how to detect.
public struct NeuralSourceStartParams: Codable, Sendable, Hashable {
    /// `synthetic`, `file` or `live` (binary WebSocket frames, see docs/spikes.md).
    public var kind: NeuralSourceKind
    /// A display name; default derived from the kind and path.
    public var name: String?
    /// `file`: a path relative to the server's recordings directory (never outside it).
    public var path: String?
    /// `file` with a `.dat`/raw file, and `live`: the layout the bytes cannot say themselves.
    public var channels: Int?
    public var sampleRate: Double?
    /// Raw and live int16 samples: µV per bit (default 0.195, Intan's).
    public var microvoltsPerBit: Double?
    /// Replay speed: 1 = real time, N = N× real time, 0 = as fast as possible. Default 1.
    public var speed: Double?
    /// Start again at the end of the file (`file`) or recording (`synthetic`). Default false.
    public var loop: Bool?
    /// `synthetic` only.
    public var synthetic: SyntheticSourceParams?
    public var detection: SpikeDetectionParams?

    public init(
        kind: NeuralSourceKind,
        name: String? = nil,
        path: String? = nil,
        channels: Int? = nil,
        sampleRate: Double? = nil,
        microvoltsPerBit: Double? = nil,
        speed: Double? = nil,
        loop: Bool? = nil,
        synthetic: SyntheticSourceParams? = nil,
        detection: SpikeDetectionParams? = nil
    ) {
        self.kind = kind
        self.name = name
        self.path = path
        self.channels = channels
        self.sampleRate = sampleRate
        self.microvoltsPerBit = microvoltsPerBit
        self.speed = speed
        self.loop = loop
        self.synthetic = synthetic
        self.detection = detection
    }
}

public enum NeuralSourceKind: String, Codable, Sendable, Hashable {
    case synthetic
    case file
    case live
}

/// The synthetic generator's knobs (ground truth stays on the server for scoring).
public struct SyntheticSourceParams: Codable, Sendable, Hashable {
    public var channels: Int?
    public var sampleRate: Double?
    public var units: Int?
    /// Seconds of recording generated (looped when `loop`); default 10.
    public var seconds: Double?
    public var seed: UInt64?

    public init(channels: Int? = nil, sampleRate: Double? = nil, units: Int? = nil, seconds: Double? = nil, seed: UInt64? = nil) {
        self.channels = channels
        self.sampleRate = sampleRate
        self.units = units
        self.seconds = seconds
        self.seed = seed
    }
}

/// Detector settings; every member defaults to the documented value.
public struct SpikeDetectionParams: Codable, Sendable, Hashable {
    /// Band edges in Hz; default 300 and 6000.
    public var bandLow: Double?
    public var bandHigh: Double?
    /// Butterworth order 1–4; default 2.
    public var order: Int?
    /// Threshold in noise σ; default 4.5.
    public var threshold: Double?
    /// `negative` (default), `positive` or `both`.
    public var polarity: String?
    /// Forward-backward filtering in blocks: better SNR for ~6 ms more latency. Default false.
    public var zeroPhase: Bool?
    /// One event per spike across neighbouring channels (and no filter-ringing echoes).
    /// Default true; turn off for arrays whose channels are too far apart to share a spike.
    public var exclusion: Bool?

    public init(
        bandLow: Double? = nil,
        bandHigh: Double? = nil,
        order: Int? = nil,
        threshold: Double? = nil,
        polarity: String? = nil,
        zeroPhase: Bool? = nil,
        exclusion: Bool? = nil
    ) {
        self.bandLow = bandLow
        self.bandHigh = bandHigh
        self.order = order
        self.threshold = threshold
        self.polarity = polarity
        self.zeroPhase = zeroPhase
        self.exclusion = exclusion
    }
}

/// `neural.sources.stop` params.
public struct NeuralSourceStopParams: Codable, Sendable, Hashable {
    public var id: String

    public init(id: String) { self.id = id }
}

/// `neural.sources.list` result.
public struct NeuralSourceList: Codable, Sendable, Hashable {
    public var sources: [NeuralSourceInfo]

    public init(sources: [NeuralSourceInfo]) { self.sources = sources }
}

/// One neural source, as `neural.sources.*` and `spikes.snapshot` report it.
public struct NeuralSourceInfo: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: NeuralSourceKind
    public var state: NeuralSourceState
    /// Why the source failed, with the file offset for a bad file.
    public var error: String?
    public var channelCount: Int
    public var sampleRate: Double
    public var speed: Double
    public var loop: Bool
    /// Samples per channel processed so far.
    public var samplesProcessed: Int64
    public var spikesDetected: Int64
    /// Channel-samples per second of detector time (not wall time), over the last second.
    public var detectorThroughput: Double
    public var startedAt: Timestamp
    public var startedBy: String

    public init(
        id: String,
        name: String,
        kind: NeuralSourceKind,
        state: NeuralSourceState,
        error: String? = nil,
        channelCount: Int,
        sampleRate: Double,
        speed: Double,
        loop: Bool,
        samplesProcessed: Int64,
        spikesDetected: Int64,
        detectorThroughput: Double,
        startedAt: Timestamp,
        startedBy: String
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.state = state
        self.error = error
        self.channelCount = channelCount
        self.sampleRate = sampleRate
        self.speed = speed
        self.loop = loop
        self.samplesProcessed = samplesProcessed
        self.spikesDetected = spikesDetected
        self.detectorThroughput = detectorThroughput
        self.startedAt = startedAt
        self.startedBy = startedBy
    }
}

public enum NeuralSourceState: String, Codable, Sendable, Hashable {
    case running
    /// The file ended (no loop).
    case finished
    case stopped
    case failed
}
