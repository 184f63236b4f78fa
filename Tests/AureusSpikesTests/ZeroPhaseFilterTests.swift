import Testing

@testable import AureusSpikes

/// The streaming forward-backward filter against an offline forward-backward pass over the whole signal (what
/// `scipy.signal.sosfiltfilt` computes away from the ends, where its padding and initial conditions do not reach).
@Suite("ZeroPhaseFilter")
struct ZeroPhaseFilterTests {
    static func noise(frames: Int, channels: Int, seed: UInt64) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<(frames * channels)).map { _ in Float(rng.nextGaussian()) }
    }

    /// Largest |streaming − offline| over the interior, relative to the offline output's RMS.
    static func relativeError(order: Int, lookahead: Double, channels: Int = 11) throws -> Double {
        let fs = 30_000.0
        let frames = 15_000
        let sections = try ButterworthDesign(sampleRate: fs, order: order).sections
        let x = noise(frames: frames, channels: channels, seed: 77)
        let reference = ZeroPhaseFilter.offline(x, sections: sections, channels: channels)
        var filter = try ZeroPhaseFilter(sections: sections, channels: channels, sampleRate: fs, lookahead: lookahead)
        var y = [Float](repeating: 0, count: x.count)
        filter.process(x, into: &y)
        let delay = filter.delayFrames
        var worst = 0.0
        var power = 0.0
        var n = 0
        // Skip the start (forward transient is identical in both, but keep away from t = 0) and the end (the offline
        // backward pass starts there).
        for f in 600..<(frames - 3_000) {
            for c in 0..<channels {
                let r = Double(reference[f * channels + c])
                worst = max(worst, abs(Double(y[(f + delay) * channels + c]) - r))
                power += r * r
                n += 1
            }
        }
        return worst / (power / Double(n)).squareRoot()
    }

    @Test func defaultLagMatchesOfflineForwardBackward() throws {
        let error = try Self.relativeError(order: 2, lookahead: ZeroPhaseFilter.Configuration().lookahead)
        print("zero-phase order 2, default lookahead: max error / RMS = \(error)")
        #expect(error < 0.01)
    }

    @Test func longerLookaheadShrinksTheError() throws {
        let short = try Self.relativeError(order: 2, lookahead: 0.001)
        let long = try Self.relativeError(order: 2, lookahead: 0.006)
        let order5 = try Self.relativeError(order: 5, lookahead: 0.015)
        print("zero-phase order 2: 1 ms \(short), 6 ms \(long); order 5, 15 ms: \(order5)")
        #expect(long < short / 4)
        #expect(long < 0.001)
        #expect(order5 < 0.01)
    }

    @Test func anyBlockSplitGivesTheSameOutput() throws {
        let channels = 9
        let fs = 20_000.0
        let sections = try ButterworthDesign(sampleRate: fs).sections
        let x = Self.noise(frames: 3_000, channels: channels, seed: 5)
        var whole = try ZeroPhaseFilter(sections: sections, channels: channels, sampleRate: fs)
        var expected = [Float](repeating: 0, count: x.count)
        whole.process(x, into: &expected)
        var pieces = try ZeroPhaseFilter(sections: sections, channels: channels, sampleRate: fs)
        var got: [Float] = []
        var start = 0
        var size = 1
        while start < 3_000 {
            let n = min(size, 3_000 - start)
            var out = [Float](repeating: 0, count: n * channels)
            pieces.process(Array(x[(start * channels)..<((start + n) * channels)]), into: &out)
            got += out
            start += n
            size = size * 5 % 173 + 1
        }
        #expect(got == expected)
        #expect(expected[0..<(whole.delayFrames * channels)].allSatisfy { $0 == 0 })
    }

    @Test func pipelineReportsZeroPhaseEventsInRawTime() throws {
        // One channel of unit noise with a 12σ trough at frame 3,000: one event, on the trough's sample, although the
        // filtered stream lags by 6 ms.
        let fs = 30_000.0
        var x = Self.noise(frames: 6_000, channels: 1, seed: 3)
        let template = SpikeTemplate(sampleRate: fs)
        for (k, v) in template.samples.enumerated() { x[3_000 - template.troughIndex + k] += 12 * v }
        var pipeline = try SpikePipeline(channels: 1, sampleRate: fs, zeroPhase: .init())
        var events: [SpikeEvent] = []
        pipeline.process(x, into: &events)
        let spike = try #require(events.first { abs($0.sampleIndex - 3_000) <= 1 })
        #expect(events.count == 1)
        // The filtered block holds the event's waveform at row sampleIndex − firstSample.
        let value = pipeline.withFiltered { samples, first in samples[Int(spike.sampleIndex - first)] }
        #expect(value == spike.amplitude)
    }
}
