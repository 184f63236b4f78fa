/// Filter → noise → detector for one stream: the composition the server's spike service and `bench-spikes` run per
/// block, kept here so both (and the accuracy tests) run the same code.
///
/// - Important: after the largest block so far, `process` allocates nothing (the filtered scratch buffer is kept and
///   only grows); events are appended to the caller's array.
///
/// Zero-phase mode (`zeroPhase: .init()`): forward-backward filtering with ~6 ms of lag instead of the causal cascade
/// (see ``ZeroPhaseFilter``); events still carry raw-stream sample indices.
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
    /// The forward-backward filter when the pipeline runs in zero-phase mode (``filter`` is then unused).
    public private(set) var zeroPhase: ZeroPhaseFilter?
    /// One event per spike across neighbouring channels, when enabled (see ``SpikeExclusion``).
    public private(set) var exclusion: SpikeExclusion?
    private var filtered: [Float] = []
    private var filteredFrames = 0
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
        latencyCompensation: Int = 0,
        zeroPhase zeroPhaseConfiguration: ZeroPhaseFilter.Configuration? = nil,
        exclusion exclusionConfiguration: SpikeExclusion.Configuration? = nil
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
        var compensation = latencyCompensation
        if let z = zeroPhaseConfiguration {
            let zeroPhase = try ZeroPhaseFilter(
                sections: design.sections,
                channels: channels,
                sampleRate: sampleRate,
                lookahead: z.lookahead,
                segment: z.segment
            )
            compensation += zeroPhase.delayFrames
            self.zeroPhase = zeroPhase
        }
        self.detector = try SpikeDetector(
            channels: channels,
            sampleRate: sampleRate,
            thresholdMultiplier: thresholdMultiplier,
            polarity: polarity,
            deadTime: deadTime,
            alignmentWindow: alignmentWindow,
            latencyCompensation: compensation
        )
        self.silent = Array(repeating: 0, count: channels)
        self.exclusion = exclusionConfiguration.map { SpikeExclusion(configuration: $0, sampleRate: sampleRate) }
    }

    /// Filters, updates noise and detects on one block of raw interleaved frames.
    ///
    /// In zero-phase mode the filtered block lags the raw one by ``ZeroPhaseFilter/delayFrames``; events are reported in
    /// raw-stream sample indices all the same (the lag is subtracted), so they arrive that much later.
    public mutating func process(_ block: UnsafeBufferPointer<Float>, into events: inout [SpikeEvent]) {
        if filtered.count < block.count {
            filtered = Array(repeating: 0, count: block.count)
        }
        let channels = detector.channels
        filteredFrames = block.count / channels
        // The zero-phase filter's first `delayFrames` output frames are padding: keep them out of the noise window.
        let padding = max(0, Int64(zeroPhase?.delayFrames ?? 0) - detector.framesSeen)
        let skip = Int(min(padding, Int64(filteredFrames))) * channels
        filtered.withUnsafeMutableBufferPointer { storage in
            let out = UnsafeMutableBufferPointer(rebasing: storage[0..<block.count])
            if zeroPhase != nil {
                zeroPhase!.process(block, into: out)
            } else {
                filter.process(block, into: out)
            }
            let view = UnsafeBufferPointer(out)
            noise.observe(UnsafeBufferPointer(rebasing: view[skip...]))
            let first = events.count
            if noise.isReady {
                noise.withSigma { sigma in detector.detect(view, sigma: sigma, into: &events) }
            } else {
                silent.withUnsafeBufferPointer { sigma in detector.detect(view, sigma: sigma, into: &events) }
            }
            if exclusion != nil {
                // Below this index (events' time base) the detector has finished every spike.
                let settled = detector.framesSeen - detector.alignmentSamples - 1 - detector.latencyCompensation
                noise.withSigma { sigma in exclusion!.process(&events, from: first, settled: settled, sigma: sigma) }
            }
        }
    }

    /// Reports spikes still being tracked or awaiting exclusion (end of a recording); a live stream never needs this.
    public mutating func flush(into events: inout [SpikeEvent]) {
        let first = events.count
        detector.flush(into: &events)
        if exclusion != nil {
            noise.withSigma { sigma in exclusion!.process(&events, from: first, settled: .max, sigma: sigma) }
            exclusion!.flush(into: &events)
        }
    }

    /// Calls `body` with the filtered samples of the block that ``process(_:into:)`` just handled (frame-major,
    /// `frames × channels`) and the sample index of its first frame, in the same time base as
    /// ``SpikeEvent/sampleIndex``: an event's waveform is at row `event.sampleIndex − firstSample`.
    ///
    /// For cutting snippets around events without filtering again. Only the last block is kept: a snippet that reaches
    /// into earlier blocks needs the caller's own history. The buffer is reused by the next `process` call.
    public func withFiltered<R>(_ body: (_ samples: UnsafeBufferPointer<Float>, _ firstSample: Int64) throws -> R) rethrows -> R {
        let count = filteredFrames * detector.channels
        let first = detector.framesSeen - Int64(filteredFrames) - detector.latencyCompensation
        return try filtered.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count]), first) }
    }

    /// Array convenience over ``process(_:into:)``.
    public mutating func process(_ block: [Float], into events: inout [SpikeEvent]) {
        block.withUnsafeBufferPointer { process($0, into: &events) }
    }
}
