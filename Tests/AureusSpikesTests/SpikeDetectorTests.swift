import Testing

@testable import AureusSpikes

@Suite("SpikeDetector")
struct SpikeDetectorTests {
    /// One channel of zeros with a V-shaped trough of depth `depth` whose minimum is at `at`.
    static func trough(frames: Int, at: Int, depth: Float, width: Int = 4) -> [Float] {
        var x = [Float](repeating: 0, count: frames)
        for k in -width...width where at + k >= 0 && at + k < frames {
            x[at + k] = -depth * Float(width + 1 - abs(k)) / Float(width + 1)
        }
        return x
    }

    @Test(arguments: [1, 7, 100, 1_000])
    func aSpikeAcrossBlockEdgesIsFoundOnceAtItsTrough(_ blockFrames: Int) throws {
        let x = Self.trough(frames: 1_000, at: 500, depth: 10)
        var detector = try SpikeDetector(channels: 1, sampleRate: 30_000)
        var events: [SpikeEvent] = []
        var start = 0
        while start < x.count {
            let end = min(start + blockFrames, x.count)
            detector.detect(Array(x[start..<end]), sigma: [1], into: &events)
            start = end
        }
        #expect(events == [SpikeEvent(channel: 0, sampleIndex: 500, amplitude: -10)])
        #expect(detector.counts == [1])
    }

    @Test func deadTimeSuppressesASecondCrossingWithinOneMillisecond() throws {
        var x = Self.trough(frames: 2_000, at: 500, depth: 10)
        for (i, v) in Self.trough(frames: 2_000, at: 520, depth: 8).enumerated() { x[i] += v }  // 0.67 ms later
        for (i, v) in Self.trough(frames: 2_000, at: 600, depth: 8).enumerated() { x[i] += v }  // 3.3 ms later
        var detector = try SpikeDetector(channels: 1, sampleRate: 30_000)
        var events: [SpikeEvent] = []
        detector.detect(x, sigma: [1], into: &events)
        #expect(events.map(\.sampleIndex) == [500, 600])
    }

    @Test func polarityChoosesWhichSideCounts() throws {
        var x = Self.trough(frames: 1_000, at: 200, depth: 10)
        for (i, v) in Self.trough(frames: 1_000, at: 700, depth: 10).enumerated() { x[i] -= v }  // a positive peak
        func run(_ polarity: SpikePolarity) throws -> [Int64] {
            var detector = try SpikeDetector(channels: 1, sampleRate: 30_000, polarity: polarity)
            var events: [SpikeEvent] = []
            detector.detect(x, sigma: [1], into: &events)
            return events.map(\.sampleIndex)
        }
        #expect(try run(.negative) == [200])
        #expect(try run(.positive) == [700])
        #expect(try run(.both) == [200, 700])
    }

    @Test func thresholdIsKTimesSigmaAndZeroSigmaIsSilent() throws {
        let x = Self.trough(frames: 400, at: 200, depth: 4.4)
        var detector = try SpikeDetector(channels: 2, sampleRate: 30_000)
        var events: [SpikeEvent] = []
        var frames = [Float](repeating: 0, count: 800)
        for t in 0..<400 {
            frames[t * 2] = x[t]
            frames[t * 2 + 1] = x[t] * 100
        }
        detector.detect(frames, sigma: [1, 0], into: &events)  // 4.4 < 4.5·1; channel 1 has no estimate yet
        #expect(events.isEmpty)
        detector.detect(frames, sigma: [0.9, 0], into: &events)  // 4.4 > 4.05
        #expect(events == [SpikeEvent(channel: 0, sampleIndex: 600, amplitude: -4.4)])
    }

    @Test func firingRatesCountPerChannel() throws {
        var detector = try SpikeDetector(channels: 2, sampleRate: 1_000)
        var x = [Float](repeating: 0, count: 2 * 1_000)  // 1 s
        for t in stride(from: 50, to: 1_000, by: 100) { x[t * 2 + 1] = -10 }  // 10 spikes on channel 1
        var events: [SpikeEvent] = []
        detector.detect(x, sigma: [1, 1], into: &events)
        #expect(detector.counts == [0, 10])
        #expect(detector.firingRates == [0, 10])
    }

    @Test func latencyCompensationShiftsReportedIndices() throws {
        let x = Self.trough(frames: 400, at: 200, depth: 10)
        var detector = try SpikeDetector(channels: 1, sampleRate: 30_000, latencyCompensation: 3)
        var events: [SpikeEvent] = []
        detector.detect(x, sigma: [1], into: &events)
        #expect(events.map(\.sampleIndex) == [197])
    }
}
