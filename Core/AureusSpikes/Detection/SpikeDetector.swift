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

    /// Per channel: idle, tracking an extremum, or dead until a sample index.
    private var state: [ChannelState]
    /// Per 8-channel group, one bit per lane that is tracking: the SIMD pass goes scalar only for such groups.
    private var active: [UInt8]
    /// k·σ per channel, padded to whole groups with +∞.
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
        let groups = (channels + Lanes.scalarCount - 1) / Lanes.scalarCount
        self.state = Array(repeating: ChannelState(), count: channels)
        self.active = Array(repeating: 0, count: groups)
        self.thresholds = Array(repeating: .infinity, count: groups * Lanes.scalarCount)
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
        precondition(sigma.count >= channels, "one sigma per channel")
        sigma.withUnsafeBufferPointer { detect(block, sigma: $0, into: &events) }
    }

    /// ``detect(_:sigma:into:)`` with σ as a buffer (at least `channels` values; the pipeline passes the estimator's
    /// padded storage without copying).
    public mutating func detect(_ block: UnsafeBufferPointer<Float>, sigma: UnsafeBufferPointer<Float>, into events: inout [SpikeEvent]) {
        precondition(block.count % channels == 0, "blocks hold whole frames")
        precondition(sigma.count >= channels, "one sigma per channel")
        for c in 0..<channels { thresholds[c] = sigma[c] > 0 ? sigma[c] * thresholdMultiplier : .infinity }
        let frames = block.count / channels
        guard frames > 0, let base = block.baseAddress else { return }
        let start = framesSeen
        let channels = channels
        let fullGroups = channels / Lanes.scalarCount
        let polarity = polarity
        let flip: Lanes = polarity == .positive ? Lanes(repeating: 1) : Lanes(repeating: -1)
        let rules = Rules(alignment: alignmentSamples, dead: deadTimeSamples, compensation: latencyCompensation)
        state.withUnsafeMutableBufferPointer { st in
            active.withUnsafeMutableBufferPointer { act in
                counts.withUnsafeMutableBufferPointer { cnt in
                    thresholds.withUnsafeBufferPointer { thr in
                        let limits = UnsafeRawPointer(thr.baseAddress!)
                        var scan = Scan(state: st, active: act, counts: cnt, rules: rules)
                        for frame in 0..<frames {
                            let t = start + Int64(frame)
                            let row = base + frame * channels
                            // Fast path: eight channels per compare; a group goes scalar only when a lane crosses
                            // its threshold or is tracking an extremum, which is rare at 4–5 σ.
                            for group in 0..<fullGroups {
                                let x = UnsafeRawPointer(row + group * Lanes.scalarCount).loadUnaligned(as: Lanes.self)
                                var score = x * flip
                                if polarity == .both { score = score.replacing(with: -score, where: score .< 0) }
                                let limit = limits.loadUnaligned(fromByteOffset: group * MemoryLayout<Lanes>.stride, as: Lanes.self)
                                let crossing = score .> limit
                                if act[group] == 0 && !any(crossing) { continue }
                                for lane in 0..<Lanes.scalarCount {
                                    let c = group * Lanes.scalarCount + lane
                                    scan.step(channel: c, x: row[c], score: score[lane], threshold: thr[c], t: t, into: &events)
                                }
                            }
                            for c in (fullGroups * Lanes.scalarCount)..<channels {
                                let x = row[c]
                                let score: Float
                                switch polarity {
                                case .negative: score = -x
                                case .positive: score = x
                                case .both: score = abs(x)
                                }
                                scan.step(channel: c, x: x, score: score, threshold: thr[c], t: t, into: &events)
                            }
                        }
                    }
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
        let rules = Rules(alignment: alignmentSamples, dead: deadTimeSamples, compensation: latencyCompensation)
        state.withUnsafeMutableBufferPointer { st in
            active.withUnsafeMutableBufferPointer { act in
                counts.withUnsafeMutableBufferPointer { cnt in
                    var scan = Scan(state: st, active: act, counts: cnt, rules: rules)
                    for c in 0..<channels where st[c].tracking { scan.finish(channel: c, into: &events) }
                }
            }
        }
    }
}

extension SpikeDetector {
    typealias Lanes = SIMD8<Float>

    struct ChannelState: Sendable {
        var tracking = false
        var peakScore: Float = 0
        var peakValue: Float = 0
        var peakIndex: Int64 = 0
        var trackUntil: Int64 = 0
        var deadUntil = Int64.min
    }

    struct Rules {
        var alignment: Int64
        var dead: Int64
        var compensation: Int64
    }

    /// The per-channel state machine over borrowed storage, so the hot loop touches no array bounds or uniqueness checks.
    struct Scan {
        let state: UnsafeMutableBufferPointer<ChannelState>
        let active: UnsafeMutableBufferPointer<UInt8>
        let counts: UnsafeMutableBufferPointer<Int>
        let rules: Rules

        @inline(__always)
        mutating func step(channel c: Int, x: Float, score: Float, threshold: Float, t: Int64, into events: inout [SpikeEvent]) {
            if state[c].tracking {
                if t > state[c].trackUntil {
                    finish(channel: c, into: &events)
                } else {
                    if score > state[c].peakScore {
                        state[c].peakScore = score
                        state[c].peakValue = x
                        state[c].peakIndex = t
                    }
                    return
                }
            }
            if score > threshold && t > state[c].deadUntil {
                state[c].tracking = true
                state[c].peakScore = score
                state[c].peakValue = x
                state[c].peakIndex = t
                state[c].trackUntil = t + rules.alignment
                active[c / Lanes.scalarCount] |= 1 << UInt8(c % Lanes.scalarCount)
            }
        }

        mutating func finish(channel c: Int, into events: inout [SpikeEvent]) {
            state[c].tracking = false
            active[c / Lanes.scalarCount] &= ~(1 << UInt8(c % Lanes.scalarCount))
            state[c].deadUntil = state[c].peakIndex + rules.dead
            counts[c] += 1
            events.append(SpikeEvent(channel: c, sampleIndex: state[c].peakIndex - rules.compensation, amplitude: state[c].peakValue))
        }
    }
}
