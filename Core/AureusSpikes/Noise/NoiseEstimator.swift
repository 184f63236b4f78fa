/// Per-channel noise σ of a filtered stream, from a running median absolute deviation: σ = MAD / 0.6744897501960817.
///
/// Why MAD: spikes are rare, large outliers; the median ignores them, so σ tracks the background noise, not the firing
/// rate (the Quiroga 2004 / SpikeInterface convention, and the scale the thresholds are expressed in).
///
/// How it stays cheap on 1,024 channels (spikes.md's "noise estimator cost"):
/// - every `decimation`-th frame (about 3 kHz worth; bandpassed noise decorrelates within about a sample at that rate,
///   so decimated samples are nearly independent) is copied, as one contiguous row, into a frame-major ring of
///   `windowLength` rows (~0.7 s at 30 kHz): one `memcpy`-like copy per kept frame, no scattered writes;
/// - the median and the MAD of each channel's window are found by bisection on counts, eight channels per
///   `SIMD8<Float>` lane group straight from the frame-major ring (no transpose, no branches on the data): 18 halvings of
///   [min, max], then a snap to the largest sample at or below the bound, so the result is a sample of the window (the
///   upper median for even counts, within (max − min)·2⁻¹⁸ of the exact order statistic);
/// - channel groups are refreshed round robin, one group every `updateInterval / groups` entries, so each channel is
///   refreshed once per `updateInterval` entries and no block pays for all channels at once.
///
/// Cost at the defaults (W = 2,048, refresh every 1,024 entries): ~2 × 20 passes over W per refresh, about
/// 2 vector operations per raw channel-sample. No allocation after `init`. The estimate depends only on the samples,
/// never on how the stream is cut into blocks (refreshes are scheduled by entry count).
///
/// - Important: until `minimumCount` entries have arrived, ``sigma`` is zero and ``isReady`` false, and a detector
///   should stay silent; at the defaults (256 entries every 10th frame) that is ~85 ms at 30 kHz. While the window
///   fills, every channel is re-estimated at once each time the entry count doubles (256, 512, 1,024, 2,048); after
///   that, refreshes are staggered.
public struct NoiseEstimator: Sendable {
    public static let madToSigma = 1 / 0.674_489_750_196_081_7
    typealias Lanes = SIMD8<Float>

    public let channels: Int
    public let decimation: Int
    public let windowLength: Int
    public let updateInterval: Int
    public let minimumCount: Int

    /// Frame-major ring: entry e of channel c is `ring[e * paddedChannels + c]` (padding lanes stay zero).
    private var ring: [Float]
    private let paddedChannels: Int
    private var filled = 0
    private var head = 0
    /// Entries since the first estimate; drives the round-robin refresh.
    private var entries = 0
    private var nextGroup = 0
    /// Frames until the next decimated sample is taken (counts across blocks).
    private var phase = 0
    private var sigmas: [Float]
    /// Last median and MAD per channel: the next refresh's bisection starts from a bracket around them.
    private var centres: [Float]
    private var mads: [Float]
    private var refreshed: [Bool]
    private var hasEstimate = false

    private var groups: Int { paddedChannels / Lanes.scalarCount }

    /// - Parameters:
    ///   - decimation: keep every n-th frame; defaults to about 3 kHz worth of samples for `sampleRate`.
    ///   - windowLength: entries per channel in the ring (the estimate's memory is `windowLength · decimation` frames).
    ///   - updateInterval: each channel is re-estimated once per this many new entries.
    ///   - minimumCount: entries needed before the first estimate.
    public init(
        channels: Int,
        sampleRate: Double,
        decimation: Int? = nil,
        windowLength: Int = 2048,
        updateInterval: Int = 2048,
        minimumCount: Int = 256
    ) throws(SpikeDSPError) {
        guard channels > 0 else { throw .invalidParameter("channels \(channels) must be positive") }
        guard sampleRate > 0 else { throw .invalidParameter("sample rate \(sampleRate) must be positive") }
        let step = decimation ?? max(1, Int((sampleRate / 3000).rounded()))
        guard step > 0, windowLength > 0, updateInterval > 0, (1...windowLength).contains(minimumCount) else {
            throw .invalidParameter("decimation, window, update interval must be positive and minimum count within the window")
        }
        self.channels = channels
        self.decimation = step
        self.windowLength = windowLength
        self.updateInterval = updateInterval
        self.minimumCount = minimumCount
        self.paddedChannels = (channels + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount
        self.ring = Array(repeating: 0, count: paddedChannels * windowLength)
        self.sigmas = Array(repeating: 0, count: paddedChannels)
        self.centres = Array(repeating: 0, count: paddedChannels)
        self.mads = Array(repeating: 0, count: paddedChannels)
        self.refreshed = Array(repeating: false, count: paddedChannels / Lanes.scalarCount)
    }

    /// σ for `channel`, or `nil` before the first estimate.
    public func sigma(channel: Int) -> Float? { hasEstimate ? sigmas[channel] : nil }

    /// All channels' σ (zeros before the first estimate; check ``isReady``).
    public var sigma: [Float] { Array(sigmas[0..<channels]) }

    /// Whether a first estimate exists.
    public var isReady: Bool { hasEstimate }

    /// Calls `body` with σ for every channel, padded with zeros to a multiple of eight, without copying.
    public func withSigma<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try sigmas.withUnsafeBufferPointer(body)
    }

    /// Feeds a block of filtered, interleaved frames.
    public mutating func observe(_ block: UnsafeBufferPointer<Float>) {
        precondition(block.count % channels == 0, "blocks hold whole frames")
        guard let source = block.baseAddress else { return }
        let frames = block.count / channels
        var frame = phase
        while frame < frames {
            ring.withUnsafeMutableBufferPointer { r in
                (r.baseAddress! + head * paddedChannels).update(from: source + frame * channels, count: channels)
            }
            head = head + 1 == windowLength ? 0 : head + 1
            let filling = filled < windowLength
            filled = min(filled + 1, windowLength)
            if filling || !hasEstimate {
                // Filling: estimate every channel at minimumCount, then each time the window doubles, so the early,
                // small-sample estimate is replaced quickly.
                if filled >= minimumCount && (!hasEstimate || filled == windowLength || filled.nonzeroBitCount == 1) {
                    hasEstimate = true
                    for g in 0..<groups { refresh(group: g) }
                }
            } else {
                advanceRefresh()
            }
            frame += decimation
        }
        phase = frame - frames
    }

    /// Array convenience over ``observe(_:)``.
    public mutating func observe(_ block: [Float]) {
        block.withUnsafeBufferPointer { observe($0) }
    }

    /// Refreshes the groups due after one more entry: `groups` refreshes spread evenly over `updateInterval` entries.
    private mutating func advanceRefresh() {
        let before = entries * groups / updateInterval
        entries += 1
        let after = entries * groups / updateInterval
        for _ in before..<after {
            refresh(group: nextGroup)
            nextGroup = nextGroup + 1 == groups ? 0 : nextGroup + 1
        }
        if entries == updateInterval { entries = 0 }
    }

    private mutating func refresh(group: Int) {
        let n = filled
        let stride = paddedChannels
        let lane0 = group * Lanes.scalarCount
        let previous = (centre: load(centres, lane0), mad: load(mads, lane0))
        let known = refreshed[group]
        let (centre, mad) = ring.withUnsafeBufferPointer { r in
            let base = r.baseAddress! + lane0
            // The centre only shifts |x − centre| slightly, so ~1% of a MAD is plenty; the MAD is snapped to a sample.
            let centre = Self.orderStatistic(
                base,
                stride: stride,
                count: n,
                centre: nil,
                guess: known ? (previous.centre - 0.5 * previous.mad, previous.centre + 0.5 * previous.mad) : nil,
                halvings: 7,
                snap: false
            )
            let mad = Self.orderStatistic(
                base,
                stride: stride,
                count: n,
                centre: centre,
                guess: known ? (0.7 * previous.mad, 1.4 * previous.mad) : nil,
                halvings: 10,
                snap: true
            )
            return (centre, mad)
        }
        refreshed[group] = true
        for lane in 0..<Lanes.scalarCount {
            centres[lane0 + lane] = centre[lane]
            mads[lane0 + lane] = mad[lane]
            sigmas[lane0 + lane] = mad[lane] * Float(Self.madToSigma)
        }
    }

    private func load(_ values: [Float], _ first: Int) -> Lanes {
        var v = Lanes()
        for lane in 0..<Lanes.scalarCount { v[lane] = values[first + lane] }
        return v
    }

    @inline(__always)
    private static func value(_ p: UnsafePointer<Float>, _ centre: Lanes?) -> Lanes {
        let x = UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
        guard let centre else { return x }
        let d = x - centre
        return d.replacing(with: -d, where: d .< 0)
    }

    @inline(__always)
    private static func countAtOrBelow(_ bound: Lanes, _ base: UnsafePointer<Float>, stride: Int, count n: Int, centre: Lanes?) -> Lanes {
        var below = Lanes()
        var p = base
        for _ in 0..<n {
            below.replace(with: below + 1, where: value(p, centre) .<= bound)
            p += stride
        }
        return below
    }

    /// Per lane, the sample of rank `count / 2` among `count` rows (of `x`, or of `|x − centre|`), by bisection on counts.
    ///
    /// `guess` is a bracket from the previous estimate: lanes where it holds the answer skip the min/max pass and need
    /// fewer halvings. With `snap` the result is moved to the largest sample at or below the bracket's top (an actual
    /// order statistic); without, it is the bracket's midpoint.
    static func orderStatistic(
        _ base: UnsafePointer<Float>,
        stride: Int,
        count n: Int,
        centre: Lanes?,
        guess: (Lanes, Lanes)?,
        halvings: Int,
        snap: Bool
    ) -> Lanes {
        let needed = Lanes(repeating: Float(n / 2 + 1))
        var lo = Lanes(repeating: .infinity)
        var hi = Lanes(repeating: -.infinity)
        var valid = SIMDMask<SIMD8<Int32>>(repeating: false)
        if let (gLo, gHi) = guess {
            var belowLo = Lanes()
            var belowHi = Lanes()
            var p = base
            for _ in 0..<n {
                let x = value(p, centre)
                belowLo.replace(with: belowLo + 1, where: x .<= gLo)
                belowHi.replace(with: belowHi + 1, where: x .<= gHi)
                p += stride
            }
            let bracketed = (belowLo .< needed) .& (belowHi .>= needed)
            valid = bracketed
            lo = gLo
            hi = gHi
        }
        var extraHalvings = 0
        if !all(valid) {
            var minimum = Lanes(repeating: .infinity)
            var maximum = Lanes(repeating: -.infinity)
            var p = base
            for _ in 0..<n {
                let x = value(p, centre)
                minimum = minimum.replacing(with: x, where: x .< minimum)
                maximum = maximum.replacing(with: x, where: x .> maximum)
                p += stride
            }
            lo.replace(with: minimum, where: .!valid)
            hi.replace(with: maximum, where: .!valid)
            extraHalvings = 6  // [min, max] spans ~8 MADs rather than the guess's ~0.7
        }
        // Invariant per lane: count(x <= hi) > rank, and the answer lies in [lo, hi].
        for _ in 0..<(halvings + extraHalvings) {
            let mid = (lo + hi) * 0.5
            let enough = countAtOrBelow(mid, base, stride: stride, count: n, centre: centre) .>= needed
            hi.replace(with: mid, where: enough)
            lo.replace(with: mid, where: .!enough)
        }
        guard snap else { return (lo + hi) * 0.5 }
        var snapped = Lanes(repeating: -.infinity)
        var p = base
        for _ in 0..<n {
            let x = value(p, centre)
            snapped.replace(with: x, where: (x .<= hi) .& (x .> snapped))
            p += stride
        }
        return snapped
    }
}
