import Testing

@testable import AureusSpikes

/// End to end on a generated recording (8 channels × 30 kHz × 2 s, fixed seed): causal filter → running MAD → detector
/// → spatio-temporal exclusion,
/// scored with the spikes.md protocol at 0.4 ms. The floors sit a little under what this code measured (see the
/// comments), so a regression in any stage fails the test without the test hard-coding results.
@Suite("SpikePipeline accuracy")
struct SpikePipelineAccuracyTests {
    static let configuration = SyntheticRecording.Configuration(
        channels: 8,
        sampleRate: 30_000,
        duration: 2,
        units: 10,
        snrRange: 2...10,
        firingRateRange: 10...30,
        seed: 2_024
    )
    /// Channels within 2 of a unit's main channel count as "within 50 µm" (a linear probe at 20–25 µm pitch).
    static func isNeighbour(_ main: Int, _ channel: Int) -> Bool { abs(main - channel) <= 2 }

    /// Runs the pipeline in irregular blocks; returns the events after the noise warm-up and the final σ.
    static func detect(
        _ samples: [Float],
        channels: Int,
        sigma fixed: [Float]? = nil,
        kernel: DetectionKernel.Configuration? = .init()
    ) throws -> (events: [SpikeEvent], sigma: [Float]) {
        var pipeline = try SpikePipeline(channels: channels, sampleRate: configuration.sampleRate, exclusion: .init(), detectionKernel: kernel)
        var events: [SpikeEvent] = []
        if let fixed {
            // Reference run: same filter, kernel and detector, thresholds taken from the noisy run.
            var filtered = samples
            var filter = pipeline.filter
            filter.processInPlace(&filtered)
            var detector = pipeline.detector
            detector.detect(pipeline.kernel?.apply(filtered) ?? filtered, sigma: fixed, into: &events)
            detector.flush(into: &events)
            return (events, fixed)
        }
        let frames = samples.count / channels
        var start = 0
        var size = 300
        while start < frames {
            let n = min(size, frames - start)
            pipeline.process(Array(samples[(start * channels)..<((start + n) * channels)]), into: &events)
            start += n
            size = size * 7 % 901 + 64
        }
        pipeline.flush(into: &events)
        return (events, pipeline.noise.sigma)
    }

    /// Floors per detector: the default (matched kernel) and without it (the first rounds' detector on the band-passed
    /// signal), measured with this seed (causal order 2, 4.5σ, running MAD, SpikeExclusion on).
    struct Floors: Sendable, CustomTestStringConvertible {
        var kernel: DetectionKernel.Configuration?
        var recallHighSNR: Double
        var precision: Double
        var perChannelPrecision: Double
        var perChannelRecall: Double
        var testDescription: String { kernel == nil ? "band-passed" : "matched kernel" }
    }

    static let floors = [
        // Measured: recall 0.666 all / 0.911 SNR>=5; precision strict 0.986, lenient 0.986; per channel P 0.856 R 0.941;
        // offset median 0, 89% within ±1 sample.
        Floors(kernel: nil, recallHighSNR: 0.9, precision: 0.97, perChannelPrecision: 0.83, perChannelRecall: 0.92),
        // Measured: recall 0.930 all / 0.956 SNR>=5; precision strict 1.0, lenient 1.0; per channel P 1.0 R 0.642;
        // offset median 0, 93% within ±1 sample. Per-channel recall is low by construction: the noise-free reference
        // (no exclusion) crosses on more neighbours of each spike in the smoother statistic (477 vs 202 crossings),
        // while the pipeline reports one event per spike.
        Floors(kernel: .init(), recallHighSNR: 0.94, precision: 0.98, perChannelPrecision: 0.97, perChannelRecall: 0.6),
    ]

    @Test(arguments: floors)
    func causalPipelineMeetsAccuracyFloors(_ floors: Floors) throws {
        let c = Self.configuration
        let recording = SyntheticRecording(configuration: c)
        var cleanConfiguration = c
        cleanConfiguration.includeNoise = false
        let clean = SyntheticRecording(configuration: cleanConfiguration)

        let (allEvents, sigma) = try Self.detect(recording.samples, channels: c.channels, kernel: floors.kernel)
        // The noise estimate needs ~85 ms before the detector may fire; score only after a 100 ms warm-up.
        let warmUp = Int64(0.1 * c.sampleRate)
        let events = allEvents.filter { $0.sampleIndex >= warmUp }
        let truth = recording.spikes.filter { $0.sampleIndex >= warmUp }

        var cleanFiltered = clean.samples
        var filter = BiquadCascade(sections: try ButterworthDesign(sampleRate: c.sampleRate).sections, channels: c.channels)
        filter.processInPlace(&cleanFiltered)
        // SNR as the first round measured it: after our causal filter, over the band-passed noise (`sigma` is the
        // statistic's σ when the kernel is on, so measure the band-passed σ here).
        var noisyFiltered = recording.samples
        var noisyFilter = BiquadCascade(sections: try ButterworthDesign(sampleRate: c.sampleRate).sections, channels: c.channels)
        noisyFilter.processInPlace(&noisyFiltered)
        var noise = try NoiseEstimator(channels: c.channels, sampleRate: c.sampleRate)
        noise.observe(noisyFiltered)
        let snr = UnitSNR.measure(cleanFiltered: cleanFiltered, channels: c.channels, spikes: truth, units: c.units, sigma: noise.sigma)

        let tolerance = SpikeScoring.toleranceSamples(sampleRate: c.sampleRate)
        let score = SpikeScoring.scoreEvents(detected: events, truth: truth, tolerance: tolerance, isNeighbour: Self.isNeighbour)
        let recallHighSNR = score.recall { snr[truth[$0].unit] >= 5 }
        let highSNRUnits = snr.count { $0 >= 5 }

        let reference = try Self.detect(clean.samples, channels: c.channels, sigma: sigma, kernel: floors.kernel).events.filter {
            $0.sampleIndex >= warmUp
        }
        let perChannel = SpikeScoring.scorePerChannel(detected: events, reference: reference, channels: c.channels, tolerance: tolerance)

        let offsets = score.offsets.sorted()
        let medianOffset = offsets.isEmpty ? 0 : offsets[offsets.count / 2]
        print(
            """
            spike accuracy (\(floors.testDescription)): truth \(truth.count) detections \(events.count) units SNR>=5: \(highSNRUnits)/\(c.units) \
            SNR \(snr.map { ($0 * 10).rounded() / 10 })
              event recall all \(score.recall) SNR>=5 \(recallHighSNR) precision strict \(score.precision) \
            lenient \(score.lenientPrecision) F1 \(score.f1)
              per-channel vs noise-free: P \(perChannel.precision) R \(perChannel.recall) F1 \(perChannel.f1) \
            (reference \(perChannel.references))
              offset median \(medianOffset) within ±1: \(Double(offsets.count { abs($0) <= 1 }) / Double(max(offsets.count, 1)))
            """
        )
        // This recording is dense (10 units at 10–30 Hz on 8 channels): the SNR>=5 misses are mostly spikes colliding
        // within 1 ms on the same or a neighbouring channel. Per-channel precision stays the weakest figure: units of
        // SNR 3–4 cross 4.5σ only with the help of noise, so the noise-free reference lacks those (real) spikes.
        #expect(highSNRUnits >= 3, "the recording must contain units to score")
        #expect(recallHighSNR >= floors.recallHighSNR)
        #expect(score.precision >= floors.precision)
        #expect(score.lenientPrecision >= floors.precision)
        #expect(perChannel.precision >= floors.perChannelPrecision)
        #expect(perChannel.recall >= floors.perChannelRecall)
        #expect(abs(medianOffset) <= 1)
        #expect(offsets.count { abs($0) <= 1 } * 10 >= offsets.count * 8)
    }
}
