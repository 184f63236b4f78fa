import Testing

@testable import AureusSpikes

/// The matched detection kernel: its impulse response, where it puts a trough, and that the pipeline built on it gives
/// the same events and band-passed samples however the stream is cut into blocks.
@Suite("DetectionKernel")
struct DetectionKernelTests {
    /// 40 channels: one tile of 32 on the SIMD path and 8 on the scalar tail.
    static let channels = 40

    @Test func impulseResponseIsTheTaps() throws {
        let kernel = try DetectionKernel(configuration: .init(), design: try ButterworthDesign(sampleRate: 30_000), channels: Self.channels)
        let frames = 80
        var x = [Float](repeating: 0, count: frames * Self.channels)
        x[5 * Self.channels + 3] = 1
        x[7 * Self.channels + 37] = 2
        let y = kernel.apply(x)
        for f in 0..<frames {
            let k3 = f - 5
            let k37 = f - 7
            #expect(y[f * Self.channels + 3] == ((0..<kernel.taps.count).contains(k3) ? kernel.taps[k3] : 0))
            #expect(y[f * Self.channels + 37] == ((0..<kernel.taps.count).contains(k37) ? 2 * kernel.taps[k37] : 0))
            #expect(y[f * Self.channels + 20] == 0)
        }
    }

    @Test(arguments: [20_000.0, 30_000.0])
    func statisticPeaksDelayFramesAfterTheBandPassedTrough(sampleRate: Double) throws {
        let design = try ButterworthDesign(sampleRate: sampleRate)
        let kernel = try DetectionKernel(configuration: .init(), design: design, channels: 1)
        // The default window: 0.4 ms before and 0.6 ms after the trough.
        #expect(abs(Double(kernel.delay) - 0.000_6 * sampleRate) <= 1)
        #expect(abs(Double(kernel.taps.count) - 0.001 * sampleRate) <= 2)
        for width in [0.000_09, 0.000_14] {
            let template = SpikeTemplate(sampleRate: sampleRate, depolarization: width)
            var x = [Float](repeating: 0, count: 200) + template.samples.map { 50 * $0 } + [Float](repeating: 0, count: 200)
            var filter = BiquadCascade(sections: design.sections, channels: 1)
            filter.processInPlace(&x)
            let s = kernel.apply(x)
            let trough = x.indices.min { x[$0] < x[$1] }!
            let peak = s.indices.min { s[$0] < s[$1] }!
            #expect(abs(peak - kernel.delay - trough) <= 1, "width \(width): trough \(trough), statistic peak \(peak)")
            // A trough stays negative and keeps roughly its height.
            #expect(s[peak] < 0.7 * x[trough] && s[peak] > 1.5 * x[trough])
        }
    }

    @Test func blockSplitsAndBandPassedSamples() throws {
        let fs = 30_000.0
        let recording = SyntheticRecording(
            configuration: .init(channels: Self.channels, sampleRate: fs, duration: 0.5, units: 12, seed: 11, includeNoise: true)
        )
        let x = recording.samples
        var whole = try SpikePipeline(channels: Self.channels, sampleRate: fs, exclusion: .init())
        #expect(whole.kernel != nil, "the matched kernel is the default")
        var expected: [SpikeEvent] = []
        whole.process(x, into: &expected)
        whole.flush(into: &expected)
        #expect(expected.count > 20)

        let frames = x.count / Self.channels
        var bandPassed = x
        var filter = BiquadCascade(sections: whole.design.sections, channels: Self.channels)
        filter.processInPlace(&bandPassed)

        // The kernel alone over the same samples in irregular blocks, history carried in front of each: bit-identical.
        let kernel = whole.kernel!
        let statistic = kernel.apply(bandPassed)
        var scratch: [DetectionKernel.Lanes] = []
        var pieces = [Float](repeating: .nan, count: x.count)
        let padded = [Float](repeating: 0, count: kernel.history * Self.channels) + bandPassed
        var at = 0
        var step = 3
        padded.withUnsafeBufferPointer { p in
            pieces.withUnsafeMutableBufferPointer { o in
                while at < frames {
                    let n = min(step, frames - at)
                    kernel.apply(
                        p.baseAddress! + (kernel.history + at) * Self.channels,
                        frames: n,
                        into: o.baseAddress! + at * Self.channels,
                        scratch: &scratch
                    )
                    at += n
                    step = step * 7 % 211 + 1
                }
            }
        }
        #expect(pieces == statistic)

        var split = try SpikePipeline(channels: Self.channels, sampleRate: fs, exclusion: .init())
        var events: [SpikeEvent] = []
        var start = 0
        var size = 1
        var assembled = [Float](repeating: .nan, count: x.count)
        while start < frames {
            let n = min(size, frames - start)
            split.process(Array(x[(start * Self.channels)..<((start + n) * Self.channels)]), into: &events)
            split.withFiltered { samples, firstSample in
                #expect(firstSample == Int64(start))
                for i in samples.indices { assembled[Int(firstSample) * Self.channels + i] = samples[i] }
            }
            start += n
            size = size * 5 % 397 + 1
        }
        split.flush(into: &events)
        // Thresholds follow σ as of each call (one 0.5 s block sees σ from its start; split blocks stay silent for the
        // first ~85 ms), so compare after the warm-up, where nearly all events agree.
        let key = { (e: SpikeEvent) in "\(e.channel):\(e.sampleIndex)" }
        let late = expected.filter { $0.sampleIndex >= 4_500 }
        let common = Set(events.filter { $0.sampleIndex >= 4_500 }.map(key)).intersection(late.map(key)).count
        #expect(common * 100 >= late.count * 95, "\(common) of \(late.count) events agree")
        #expect(assembled == bandPassed)
        // Events carry the band-passed amplitude at their sample.
        for e in events { #expect(e.amplitude == bandPassed[Int(e.sampleIndex) * Self.channels + e.channel]) }
    }
}
