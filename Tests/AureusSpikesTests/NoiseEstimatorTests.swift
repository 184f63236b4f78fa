import Testing

@testable import AureusSpikes

@Suite("NoiseEstimator")
struct NoiseEstimatorTests {
    @Test func medianMatchesSortingForOddAndEvenCounts() {
        var rng = SplitMix64(seed: 3)
        for count in [1, 2, 3, 10, 101, 256, 1_000] {
            var values = (0..<count).map { _ in Float(Int.random(in: -20...20, using: &rng)) }  // many ties
            let sorted = values.sorted()
            let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
            #expect(Quickselect.median(&values, count: count) == expected)
        }
    }

    @Test func gaussianNoiseGivesItsSigma() throws {
        let channels = 4
        var estimator = try NoiseEstimator(channels: channels, sampleRate: 30_000)
        var rng = SplitMix64(seed: 9)
        let block = (0..<(30_000 * channels)).map { i in Float(rng.nextGaussian() * Double(1 + i % channels)) }
        estimator.observe(block)
        for c in 0..<channels {
            let sigma = try #require(estimator.sigma(channel: c))
            #expect(abs(sigma / Float(c + 1) - 1) < 0.06, "channel \(c): \(sigma)")
        }
    }

    @Test func silentUntilTheMinimumCountThenReady() throws {
        var estimator = try NoiseEstimator(channels: 2, sampleRate: 30_000, decimation: 10, minimumCount: 100)
        estimator.observe([Float](repeating: 1, count: 2 * 990))  // frames 0, 10, ..., 980: 99 entries
        #expect(!estimator.isReady && estimator.sigma(channel: 0) == nil)
        estimator.observe([Float](repeating: 1, count: 2 * 10))  // frame 990: the 100th
        #expect(estimator.isReady)
    }

    @Test func largeSparseSpikesBarelyMoveTheEstimate() throws {
        var rng = SplitMix64(seed: 5)
        var block = (0..<60_000).map { _ in Float(rng.nextGaussian()) }
        var quiet = try NoiseEstimator(channels: 1, sampleRate: 30_000)
        quiet.observe(block)
        for t in stride(from: 100, to: 60_000, by: 1_500) {  // 20 Hz of 30-sample, −40σ events
            for k in 0..<30 { block[t + k] -= 40 }
        }
        var spiky = try NoiseEstimator(channels: 1, sampleRate: 30_000)
        spiky.observe(block)
        let a = try #require(quiet.sigma(channel: 0))
        let b = try #require(spiky.sigma(channel: 0))
        #expect(abs(b / a - 1) < 0.05)
    }

    @Test func blockSizeDoesNotChangeTheEstimate() throws {
        var rng = SplitMix64(seed: 1)
        let channels = 3
        let data = (0..<(20_000 * channels)).map { _ in Float(rng.nextGaussian()) }
        var whole = try NoiseEstimator(channels: channels, sampleRate: 30_000)
        whole.observe(data)
        var pieces = try NoiseEstimator(channels: channels, sampleRate: 30_000)
        var start = 0
        while start < 20_000 {
            let n = min(37, 20_000 - start)
            pieces.observe(Array(data[(start * channels)..<((start + n) * channels)]))
            start += n
        }
        #expect(whole.sigma == pieces.sigma)
    }
}
