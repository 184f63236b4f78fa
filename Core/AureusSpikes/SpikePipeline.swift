/// Filter → noise → detector for one stream: the composition the server's spike service and `bench-spikes` run per
/// block, kept here so both (and the accuracy tests) run the same code.
///
/// - Important: after the largest block so far, `process` allocates nothing (the filtered scratch buffer is kept and
///   only grows); events are appended to the caller's array.
///
/// Zero-phase mode (`zeroPhase: .init()`): forward-backward filtering with ~6 ms of lag instead of the causal cascade
/// (see ``ZeroPhaseFilter``); events still carry raw-stream sample indices.
///
/// Detection statistic (`detectionKernel:`, default `.init()`): the noise estimate and the threshold run on the
/// band-passed signal correlated with a generic band-passed trough (``DetectionKernel``), which adds 0.6 ms of latency
/// and lifts recall on SNR ≥ 5 units from ~0.91 to ~0.98 at equal or better precision (docs/spikes.md); events are
/// placed at, and carry the amplitude of, the band-passed extremum. `detectionKernel: nil` detects on the band-passed
/// signal itself, as the first rounds did.
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
    /// The matched/smoothing FIR whose output the detector and noise estimator see, when enabled (see
    /// ``DetectionKernel``); ``withFiltered(_:)`` still hands out the band-passed samples.
    public let kernel: DetectionKernel?
    /// Band-passed frames kept in front of each block for the kernel and for reading amplitudes (0 without a kernel).
    private let historyFrames: Int
    /// Band-passed samples: `historyFrames` earlier frames, then the current block.
    private var filtered: [Float] = []
    /// The detection statistic of the current block (kernel mode only).
    private var statistic: [Float] = []
    private var kernelScratch: [DetectionKernel.Lanes] = []
    private var filteredFrames = 0
    private let silent: [Float]

    /// - Parameters:
    ///   - latencyCompensation: samples subtracted from event indices (see ``SpikeDetector/latencyCompensation``).
    ///     Default 0: on generated spikes (0.09–0.14 ms troughs) the causal order-2 filtered trough lands on the raw
    ///     trough's sample (median offset 0), although the cascade's group delay is ~3 samples at 1 kHz, because the
    ///     narrow trough's energy sits at 2–5 kHz, where the delay is ~1 sample, and the high-pass edge leads in phase.
    ///     Use ``ButterworthDesign/groupDelay(at:)`` to compensate higher orders.
    ///   - detectionKernel: the matched statistic's shape (see ``DetectionKernel``), or nil to threshold the band-passed
    ///     signal. Its delay is compensated: events land on the band-passed trough.
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
        exclusion exclusionConfiguration: SpikeExclusion.Configuration? = nil,
        detectionKernel kernelConfiguration: DetectionKernel.Configuration? = .init()
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
        let alignment = Int((alignmentWindow * sampleRate).rounded())
        if let k = kernelConfiguration {
            let kernel = try DetectionKernel(configuration: k, design: design, channels: channels, zeroPhase: zeroPhaseConfiguration != nil)
            compensation += kernel.delay
            self.kernel = kernel
            // Events leave the exclusion stage up to its window later than the detector reports them.
            let window = exclusionConfiguration.map { Int(($0.window * sampleRate).rounded()) } ?? 0
            self.historyFrames = max(kernel.history, alignment + kernel.delay + Self.refineRadius + window + 2)
        } else {
            self.kernel = nil
            self.historyFrames = 0
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
        self.exclusion = exclusionConfiguration.map {
            SpikeExclusion(configuration: $0, sampleRate: sampleRate, statistic: kernelConfiguration != nil)
        }
    }

    /// Filters, updates noise and detects on one block of raw interleaved frames.
    ///
    /// In zero-phase mode the filtered block lags the raw one by ``ZeroPhaseFilter/delayFrames``; events are reported in
    /// raw-stream sample indices all the same (the lag is subtracted), so they arrive that much later.
    public mutating func process(_ block: UnsafeBufferPointer<Float>, into events: inout [SpikeEvent]) {
        let channels = detector.channels
        let history = historyFrames * channels
        if history > 0 && filteredFrames > 0 {
            // Keep the newest `historyFrames` band-passed frames in front of the next block (forward copy: dst < src).
            filtered.withUnsafeMutableBufferPointer { f in
                let from = filteredFrames * channels
                for i in 0..<history { f[i] = f[from + i] }
            }
        }
        if filtered.count < history + block.count {
            filtered.append(contentsOf: repeatElement(0, count: history + block.count - filtered.count))
        }
        filteredFrames = block.count / channels
        if kernel != nil && statistic.count < block.count {
            statistic = Array(repeating: 0, count: block.count)
        }
        // The zero-phase filter's first `delayFrames` output frames are padding: keep them out of the noise window.
        let padding = max(0, Int64(zeroPhase?.delayFrames ?? 0) - detector.framesSeen)
        let skip = Int(min(padding, Int64(filteredFrames))) * channels
        let first = events.count
        filtered.withUnsafeMutableBufferPointer { storage in
            let out = UnsafeMutableBufferPointer(rebasing: storage[history..<(history + block.count)])
            if zeroPhase != nil {
                zeroPhase!.process(block, into: out)
            } else {
                filter.process(block, into: out)
            }
            if let kernel {
                statistic.withUnsafeMutableBufferPointer { stat in
                    kernel.apply(UnsafePointer(out.baseAddress!), frames: filteredFrames, into: stat.baseAddress!, scratch: &kernelScratch)
                    let view = UnsafeBufferPointer(rebasing: stat[0..<block.count])
                    Self.detect(view, skip: skip, noise: &noise, detector: &detector, silent: silent, into: &events)
                }
            } else {
                Self.detect(UnsafeBufferPointer(out), skip: skip, noise: &noise, detector: &detector, silent: silent, into: &events)
            }
        }
        settle(&events, from: first)
    }

    /// Noise update and threshold detection on `view` (the band-passed block, or the kernel's statistic).
    private static func detect(
        _ view: UnsafeBufferPointer<Float>,
        skip: Int,
        noise: inout NoiseEstimator,
        detector: inout SpikeDetector,
        silent: [Float],
        into events: inout [SpikeEvent]
    ) {
        noise.observe(UnsafeBufferPointer(rebasing: view[skip...]))
        if noise.isReady {
            noise.withSigma { sigma in detector.detect(view, sigma: sigma, into: &events) }
        } else {
            silent.withUnsafeBufferPointer { sigma in detector.detect(view, sigma: sigma, into: &events) }
        }
    }

    /// Frames searched either side of a kernel-aligned event for the band-passed extremum.
    static let refineRadius = 1

    /// Kernel mode: moves each new event to the band-passed extremum within ``refineRadius`` of its aligned sample;
    /// the exclusion stage (if any) then compares the statistic's amplitudes (in the statistic's σ), and the events it
    /// releases get the band-passed amplitude at their sample.
    private mutating func settle(_ events: inout [SpikeEvent], from first: Int, flushing: Bool = false) {
        let radius = kernel == nil ? 0 : Int64(Self.refineRadius)
        if radius > 0 { readBandPassed(&events, from: first, radius: radius, amplitudeOnly: false) }
        if exclusion != nil {
            // Below this index (events' time base) the detector has finished every spike.
            let settled =
                flushing ? Int64.max : detector.framesSeen - detector.alignmentSamples - 1 - detector.latencyCompensation - radius
            noise.withSigma { sigma in exclusion!.process(&events, from: first, settled: settled, sigma: sigma) }
        }
        if radius > 0 { readBandPassed(&events, from: first, radius: 0, amplitudeOnly: true) }
    }

    /// For `events[first...]`: the most extreme band-passed sample (by the detector's polarity) within `radius` frames
    /// of each event; moves the event there, or with `amplitudeOnly` takes its amplitude.
    private mutating func readBandPassed(_ events: inout [SpikeEvent], from first: Int, radius: Int64, amplitudeOnly: Bool) {
        let channels = detector.channels
        let base = firstFilteredSample - Int64(historyFrames)
        let rows = Int64(historyFrames + filteredFrames)
        let polarity = detector.polarity
        filtered.withUnsafeBufferPointer { f in
            for i in first..<events.count {
                let centre = events[i].sampleIndex - base
                var best = events[i].sampleIndex
                var bestScore = -Float.infinity
                var amplitude = events[i].amplitude
                let low = min(max(0, centre - radius), rows - 1)
                for r in low...max(low, min(rows - 1, centre + radius)) {
                    let x = f[Int(r) * channels + events[i].channel]
                    let score: Float
                    switch polarity {
                    case .negative: score = -x
                    case .positive: score = x
                    case .both: score = abs(x)
                    }
                    if score > bestScore {
                        bestScore = score
                        best = base + r
                        amplitude = x
                    }
                }
                if amplitudeOnly {
                    events[i].amplitude = amplitude
                } else {
                    events[i].sampleIndex = best
                }
            }
        }
    }

    /// Sample index (events' time base) of the current block's first band-passed frame.
    private var firstFilteredSample: Int64 {
        detector.framesSeen - Int64(filteredFrames) - detector.latencyCompensation + Int64(kernel?.delay ?? 0)
    }

    /// Reports spikes still being tracked or awaiting exclusion (end of a recording); a live stream never needs this.
    public mutating func flush(into events: inout [SpikeEvent]) {
        let first = events.count
        detector.flush(into: &events)
        settle(&events, from: first, flushing: true)
        exclusion?.flush(into: &events)
    }

    /// Calls `body` with the filtered samples of the block that ``process(_:into:)`` just handled (frame-major,
    /// `frames × channels`) and the sample index of its first frame, in the same time base as
    /// ``SpikeEvent/sampleIndex``: an event's waveform is at row `event.sampleIndex − firstSample`.
    ///
    /// For cutting snippets around events without filtering again. Only the last block is kept: a snippet that reaches
    /// into earlier blocks needs the caller's own history. The buffer is reused by the next `process` call.
    public func withFiltered<R>(_ body: (_ samples: UnsafeBufferPointer<Float>, _ firstSample: Int64) throws -> R) rethrows -> R {
        let history = historyFrames * detector.channels
        let count = filteredFrames * detector.channels
        return try filtered.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[history..<(history + count)]), firstFilteredSample) }
    }

    /// Array convenience over ``process(_:into:)``.
    public mutating func process(_ block: [Float], into events: inout [SpikeEvent]) {
        block.withUnsafeBufferPointer { process($0, into: &events) }
    }
}
