/// Filter → noise → detector for one stream: the composition the server's spike service and `bench-spikes` run per
/// block, kept here so both (and the accuracy tests) run the same code.
///
/// - Important: after the first block of a given size, `process` allocates nothing (the filtered scratch buffer is
///   kept and only grows); events are appended to the caller's array.
///
/// ```swift
/// var pipeline = try SpikePipeline(channels: 96, sampleRate: 30_000)
/// var events: [SpikeEvent] = []
/// for block in blocks { events.removeAll(keepingCapacity: true); pipeline.process(block, into: &events) }
/// ```
public struct SpikePipeline: Sendable {
    public let design: ButterworthDesign
    public private(set) var filter: BiquadCascade
    public private(set) var noise: NoiseEstimator
    public private(set) var detector: SpikeDetector
    private var filtered: [Float] = []
    private let silent: [Float]

    /// - Parameters:
    ///   - latencyCompensation: samples subtracted from event indices (see ``SpikeDetector/latencyCompensation``).
    ///     Default 0: on generated spikes (0.09–0.14 ms troughs) the causal order-2 filtered trough lands on the raw
    ///     trough's sample (median offset 0), although the cascade's group delay is ~3 samples at 1 kHz, because the
    ///     narrow trough's energy sits at 2–5 kHz, where the delay is ~1 sample, and the high-pass edge leads in phase.
    ///     Use ``ButterworthDesign/groupDelay(at:)`` to compensate higher orders.
    public init(
        channels: Int,
        sampleRate: Double,
        design designOverride: ButterworthDesign? = nil,
        thresholdMultiplier: Float = 4.5,
        polarity: SpikePolarity = .negative,
        deadTime: Double = 0.001,
        alignmentWindow: Double = 0.000_5,
        latencyCompensation: Int = 0
    ) throws(SpikeDSPError) {
        let design: ButterworthDesign
        if let given = designOverride {
            design = given
        } else {
            design = try ButterworthDesign(sampleRate: sampleRate)
        }
        guard design.sampleRate == sampleRate else { throw .invalidParameter("design is for \(design.sampleRate) Hz, stream is \(sampleRate) Hz") }
        self.design = design
        self.filter = BiquadCascade(sections: design.sections, channels: channels)
        self.noise = try NoiseEstimator(channels: channels, sampleRate: sampleRate)
        self.detector = try SpikeDetector(
            channels: channels,
            sampleRate: sampleRate,
            thresholdMultiplier: thresholdMultiplier,
            polarity: polarity,
            deadTime: deadTime,
            alignmentWindow: alignmentWindow,
            latencyCompensation: latencyCompensation
        )
        self.silent = Array(repeating: 0, count: channels)
    }

    /// Filters, updates noise and detects on one block of raw interleaved frames.
    public mutating func process(_ block: UnsafeBufferPointer<Float>, into events: inout [SpikeEvent]) {
        if filtered.count != block.count {
            filtered = Array(repeating: 0, count: block.count)
        }
        filtered.withUnsafeMutableBufferPointer { out in filter.process(block, into: out) }
        filtered.withUnsafeBufferPointer { out in
            noise.observe(out)
            detector.detect(out, sigma: noise.isReady ? noise.sigma : silent, into: &events)
        }
    }

    /// The filtered samples of the last block `process` saw (same layout as the block), for
    /// cutting waveform snippets around the events it just reported without filtering twice.
    public func withLastFiltered<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try filtered.withUnsafeBufferPointer(body)
    }

    /// Array convenience over ``process(_:into:)``.
    public mutating func process(_ block: [Float], into events: inout [SpikeEvent]) {
        block.withUnsafeBufferPointer { process($0, into: &events) }
    }
}
