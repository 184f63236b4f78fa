/// Streaming threshold detector: a spike on a channel is a crossing of ±k·σ, reported at the extremum that follows
/// within the alignment window, and followed by a dead time in which that channel reports nothing.
///
/// Per channel it is a three-state machine (idle → tracking an extremum → dead until a sample index), kept across
/// blocks, so a spike straddling a block edge is reported once and at the same sample as in one long block; sample
/// indices are absolute stream positions. Thresholds come from ``NoiseEstimator`` (σ per channel) and are refreshed on
/// each call, so an adaptive noise estimate moves the threshold without resetting any channel.
///
/// Compared with SpikeInterface's `by_channel` (a sample is a peak if it beats the ±1 ms neighbourhood), this needs no
/// lookahead beyond the alignment window (default 0.5 ms): latency stays below a millisecond, which is what a live
/// raster needs. Dead time is measured from the reported extremum, like SpikeInterface's exclusion sweep.
///
/// - Important: `detect` appends to the caller's array and allocates nothing else; keep one array per stream and
///   `removeAll(keepingCapacity: true)` between blocks.
///
/// ```swift
/// var detector = try SpikeDetector(channels: 96, sampleRate: 30_000)
/// detector.detect(filtered, sigma: noise.sigma, into: &events)
/// ```
public struct SpikeDetector: Sendable {
    public let channels: Int
    public let sampleRate: Double
    public let thresholdMultiplier: Float
    public let polarity: SpikePolarity
    public let deadTimeSamples: Int64
    public let alignmentSamples: Int64
    /// Subtracted from every reported sample index: the filter's group delay, so events line up with the raw waveform.
    public let latencyCompensation: Int64

    private var tracking: [Bool]
    private var peakScore: [Float]
    private var peakValue: [Float]
    private var peakIndex: [Int64]
    private var trackUntil: [Int64]
    private var deadUntil: [Int64]
    private var thresholds: [Float]
    /// Spikes reported per channel since the stream started (firing rate = count / ``elapsedSeconds``).
    public private(set) var counts: [Int]
    /// Frames consumed so far; the next block's first frame has this index.
    public private(set) var framesSeen: Int64 = 0

    /// - Parameters:
    ///   - thresholdMultiplier: k in k·σ (default 4.5, the BrainGate convention).
    ///   - deadTime: seconds after a reported spike during which the channel is silent (default 1 ms).
    ///   - alignmentWindow: seconds after the crossing searched for the extremum (default 0.5 ms).
    ///   - latencyCompensation: samples subtracted from reported indices (see ``latencyCompensation``).
    public init(
        channels: Int,
        sampleRate: Double,
        thresholdMultiplier: Float = 4.5,
        polarity: SpikePolarity = .negative,
        deadTime: Double = 0.001,
        alignmentWindow: Double = 0.0005,
        latencyCompensation: Int = 0
    ) throws(SpikeDSPError) {
        guard channels > 0 else { throw .invalidParameter("channels \(channels) must be positive") }
        guard sampleRate > 0 else { throw .invalidParameter("sample rate \(sampleRate) must be positive") }
        guard thresholdMultiplier > 0 else { throw .invalidParameter("threshold multiplier \(thresholdMultiplier) must be positive") }
        guard deadTime >= 0, alignmentWindow >= 0 else { throw .invalidParameter("dead time and alignment window must be >= 0") }
        self.channels = channels
        self.sampleRate = sampleRate
        self.thresholdMultiplier = thresholdMultiplier
        self.polarity = polarity
        self.deadTimeSamples = Int64((deadTime * sampleRate).rounded())
        self.alignmentSamples = Int64((alignmentWindow * sampleRate).rounded())
        self.latencyCompensation = Int64(latencyCompensation)
        self.tracking = Array(repeating: false, count: channels)
        self.peakScore = Array(repeating: 0, count: channels)
        self.peakValue = Array(repeating: 0, count: channels)
        self.peakIndex = Array(repeating: 0, count: channels)
        self.trackUntil = Array(repeating: 0, count: channels)
        self.deadUntil = Array(repeating: Int64.min, count: channels)
        self.thresholds = Array(repeating: .infinity, count: channels)
        self.counts = Array(repeating: 0, count: channels)
    }

    /// Seconds of stream consumed.
    public var elapsedSeconds: Double { Double(framesSeen) / sampleRate }

    /// Spikes per second on each channel since the start.
    public var firingRates: [Double] {
        let seconds = elapsedSeconds
        return counts.map { seconds > 0 ? Double($0) / seconds : 0 }
    }

    /// Scans one block of filtered interleaved frames and appends the spikes it completes to `events`.
    ///
    /// - Parameter sigma: per-channel noise σ; a channel whose σ is 0 (no estimate yet) detects nothing.
    public mutating func detect(_ block: UnsafeBufferPointer<Float>, sigma: [Float], into events: inout [SpikeEvent]) {
        precondition(block.count % channels == 0, "blocks hold whole frames")
        precondition(sigma.count == channels, "one sigma per channel")
        for c in 0..<channels { thresholds[c] = sigma[c] > 0 ? sigma[c] * thresholdMultiplier : .infinity }
        let frames = block.count / channels
        let start = framesSeen
        for frame in 0..<frames {
            let t = start + Int64(frame)
            let row = frame * channels
            for c in 0..<channels {
                let x = block[row + c]
                let score: Float
                switch polarity {
                case .negative: score = -x
                case .positive: score = x
                case .both: score = abs(x)
                }
                if tracking[c] {
                    if t > trackUntil[c] {
                        finish(channel: c, into: &events)
                    } else {
                        if score > peakScore[c] {
                            peakScore[c] = score
                            peakValue[c] = x
                            peakIndex[c] = t
                        }
                        continue
                    }
                }
                if score > thresholds[c] && t > deadUntil[c] {
                    tracking[c] = true
                    peakScore[c] = score
                    peakValue[c] = x
                    peakIndex[c] = t
                    trackUntil[c] = t + alignmentSamples
                }
            }
        }
        framesSeen += Int64(frames)
    }

    /// Array convenience over ``detect(_:sigma:into:)``.
    public mutating func detect(_ block: [Float], sigma: [Float], into events: inout [SpikeEvent]) {
        block.withUnsafeBufferPointer { detect($0, sigma: sigma, into: &events) }
    }

    /// Reports any spike still being tracked (end of a recording); a live stream never needs this.
    public mutating func flush(into events: inout [SpikeEvent]) {
        for c in 0..<channels where tracking[c] { finish(channel: c, into: &events) }
    }

    private mutating func finish(channel c: Int, into events: inout [SpikeEvent]) {
        tracking[c] = false
        deadUntil[c] = peakIndex[c] + deadTimeSamples
        counts[c] += 1
        events.append(SpikeEvent(channel: c, sampleIndex: peakIndex[c] - latencyCompensation, amplitude: peakValue[c]))
    }
}
