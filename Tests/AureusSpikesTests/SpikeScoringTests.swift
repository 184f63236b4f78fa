import Testing

@testable import AureusSpikes

@Suite("SpikeScoring")
struct SpikeScoringTests {
    static func near(_ a: Int, _ b: Int) -> Bool { abs(a - b) <= 1 }

    @Test func toleranceIsPointFourMilliseconds() {
        #expect(SpikeScoring.toleranceSamples(sampleRate: 30_000) == 12)
        #expect(SpikeScoring.toleranceSamples(sampleRate: 20_000) == 8)
    }

    @Test func eachTruthTakesTheNearestUnusedNeighbouringDetection() {
        let truth = [
            GroundTruthSpike(sampleIndex: 100, unit: 0, channel: 2),
            GroundTruthSpike(sampleIndex: 104, unit: 1, channel: 2),
            GroundTruthSpike(sampleIndex: 500, unit: 0, channel: 2),
            GroundTruthSpike(sampleIndex: 900, unit: 1, channel: 7),
        ]
        let detected = [
            SpikeEvent(channel: 2, sampleIndex: 101, amplitude: -1),  // truth 0 (distance 1)
            SpikeEvent(channel: 3, sampleIndex: 110, amplitude: -1),  // truth 1 (neighbour channel, distance 6)
            SpikeEvent(channel: 5, sampleIndex: 500, amplitude: -1),  // right time, channel too far: not a match
            SpikeEvent(channel: 7, sampleIndex: 913, amplitude: -1),  // 13 > 12 samples: too late
            SpikeEvent(channel: 0, sampleIndex: 2_000, amplitude: -1),  // nothing there
        ]
        let score = SpikeScoring.scoreEvents(detected: detected, truth: truth, tolerance: 12, isNeighbour: Self.near)
        #expect(score.hits == [true, true, false, false])
        #expect(score.recall == 0.5)
        #expect(score.precision == 0.4)
        #expect(score.lenientPrecision == 0.6)  // 101, 110, 500 are within 12 samples of some truth
        #expect(score.offsets == [1, 6])
        #expect(score.recall { truth[$0].unit == 1 } == 0.5)
    }

    @Test func perChannelMatchingIsOneToOne() {
        let reference = [SpikeEvent(channel: 0, sampleIndex: 10, amplitude: -1), SpikeEvent(channel: 1, sampleIndex: 50, amplitude: -1)]
        let detected = [
            SpikeEvent(channel: 0, sampleIndex: 12, amplitude: -1),
            SpikeEvent(channel: 0, sampleIndex: 14, amplitude: -1),  // second match for the same reference: not counted
            SpikeEvent(channel: 1, sampleIndex: 80, amplitude: -1),
        ]
        let score = SpikeScoring.scorePerChannel(detected: detected, reference: reference, channels: 2, tolerance: 12)
        #expect(score.truePositives == 1)
        #expect(score.precision == 1.0 / 3)
        #expect(score.recall == 0.5)
        #expect(abs(score.f1 - 0.4) < 1e-12)
    }
}
