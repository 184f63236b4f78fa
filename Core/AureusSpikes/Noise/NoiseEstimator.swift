/// Per-channel noise σ of a filtered stream, from a running median absolute deviation: σ = MAD / 0.6744897501960817.
///
/// Why MAD: spikes are rare, large outliers; the median ignores them, so σ tracks the background noise, not the firing
/// rate (the Quiroga 2004 / SpikeInterface convention, and the scale the thresholds are expressed in).
///
/// How it stays cheap: an exact running median costs O(log W) per sample with two heaps per channel, which would
/// dominate a 1,024-channel, 20 kHz stream. Instead each channel keeps a ring of `windowLength` samples taken every
/// `decimation`-th frame (bandpassed noise decorrelates within about a sample at ~3 kHz, so decimated samples are nearly
/// independent and lose little precision), and the MAD is recomputed exactly, by two quickselects over that ring,
/// once every `updateInterval` new entries. Work per raw sample is about 4·W / (decimation · updateInterval)
/// comparisons: with the defaults at 30 kHz (every 10th frame, W = 2,048, update every 256) that is ~3 per sample and
/// the window spans ~0.7 s, so σ follows slow drifts in electrode noise while a burst of spikes cannot move it.
/// No allocation after `init`: the rings and the quickselect scratch are preallocated.
///
/// - Important: until a channel has `minimumCount` entries, ``sigma`` is `nil` for it and a detector should stay
///   silent; at the defaults (256 entries every 10th frame) that is ~85 ms at 30 kHz.
public struct NoiseEstimator: Sendable {
    public static let madToSigma = 1 / 0.674_489_750_196_081_7

    public let channels: Int
    public let decimation: Int
    public let windowLength: Int
    public let updateInterval: Int
    public let minimumCount: Int

    /// Channel-major rings: channel c owns `ring[c * windowLength ..< (c + 1) * windowLength]`.
    private var ring: [Float]
    private var filled = 0
    private var head = 0
    private var sinceUpdate = 0
    /// Frames until the next decimated sample is taken (counts across blocks).
    private var phase = 0
    private var scratch: [Float]
    private var sigmas: [Float]
    private var hasEstimate = false

    /// - Parameters:
    ///   - decimation: keep every n-th frame; defaults to about 3 kHz worth of samples for `sampleRate`.
    ///   - windowLength: entries per channel in the ring (the estimate's memory is `windowLength · decimation` frames).
    ///   - updateInterval: recompute after this many new entries.
    ///   - minimumCount: entries needed before the first estimate.
    public init(
        channels: Int,
        sampleRate: Double,
        decimation: Int? = nil,
        windowLength: Int = 2048,
        updateInterval: Int = 256,
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
        self.ring = Array(repeating: 0, count: channels * windowLength)
        self.scratch = Array(repeating: 0, count: windowLength)
        self.sigmas = Array(repeating: 0, count: channels)
    }

    /// σ for `channel`, or `nil` before the first estimate.
    public func sigma(channel: Int) -> Float? { hasEstimate ? sigmas[channel] : nil }

    /// All channels' σ (zeros before the first estimate; check ``isReady``).
    public var sigma: [Float] { sigmas }

    /// Whether a first estimate exists.
    public var isReady: Bool { hasEstimate }

    /// Feeds a block of filtered, interleaved frames.
    public mutating func observe(_ block: UnsafeBufferPointer<Float>) {
        precondition(block.count % channels == 0, "blocks hold whole frames")
        let frames = block.count / channels
        var frame = phase
        while frame < frames {
            let row = frame * channels
            for c in 0..<channels { ring[c * windowLength + head] = block[row + c] }
            head = (head + 1) % windowLength
            filled = min(filled + 1, windowLength)
            sinceUpdate += 1
            if (!hasEstimate && filled >= minimumCount) || (hasEstimate && sinceUpdate >= updateInterval) {
                recompute()
            }
            frame += decimation
        }
        phase = frame - frames
    }

    /// Array convenience over ``observe(_:)``.
    public mutating func observe(_ block: [Float]) {
        block.withUnsafeBufferPointer { observe($0) }
    }

    private mutating func recompute() {
        sinceUpdate = 0
        hasEstimate = true
        let n = filled
        for c in 0..<channels {
            let start = c * windowLength
            for i in 0..<n { scratch[i] = ring[start + i] }
            let centre = Quickselect.median(&scratch, count: n)
            for i in 0..<n { scratch[i] = abs(ring[start + i] - centre) }
            sigmas[c] = Quickselect.median(&scratch, count: n) * Float(Self.madToSigma)
        }
    }
}
