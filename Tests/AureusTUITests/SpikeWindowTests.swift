import AureusProtocol
import Testing

@testable import AureusTUI

/// The per-stream spike store: order, backfill, restarts, and the memory bound.
@Suite struct SpikeWindowTests {
    @Test func keepsAtMostTheLongestWindowOverHoursOfFrames() {
        var window = SpikeWindow(stream: "s", sampleRate: 30_000, channelCount: 4)
        // One hour of 50 ms frames with 10 spikes each: 200 spikes/s.
        for index in 0..<Int64(72_000) {
            let from = index * 1_500
            let spikes = (0..<10).map { (Int($0 % 4), from + Int64($0) * 150) }
            window.append(SpikesFixtures.frame("s", from: from, to: from + 1_500, spikes: spikes))
        }
        #expect(window.count <= 2_000, "10 s × 200 spikes/s")
        #expect(window.count >= 1_990)
        #expect(window.endSample == 72_000 * 1_500)
        #expect(window.marks(from: 0, to: window.keptFromSample).isEmpty)
    }

    @Test func marksSliceByHalfOpenSampleRange() {
        var window = SpikeWindow(stream: "s", sampleRate: 30_000, channelCount: 96)
        window.append(SpikesFixtures.frame(spikes: SpikesFixtures.spikes, omitted: 3))
        #expect(window.marks(from: 0, to: 1).map(\.channel) == [0, 1])
        #expect(window.marks(from: 1, to: 29_999).map(\.channel) == [95, 5])
        #expect(window.marks(from: 0, to: 30_000).count == 5)
        #expect(window.omitted == 3)
    }

    @Test func backfillReplacesWhatItCoversAndKeepsLaterLiveSpikes() {
        var window = SpikeWindow(stream: "s", sampleRate: 30_000, channelCount: 96)
        window.append(SpikesFixtures.frame(from: 27_000, to: 28_500, spikes: [(7, 27_100)]))
        window.append(SpikesFixtures.frame(from: 28_500, to: 30_000, spikes: [(8, 29_000)]))
        window.backfill(SpikesFixtures.frame(from: 0, to: 28_500, spikes: [(1, 10), (7, 27_100)]))
        #expect(window.marks(from: 0, to: 30_000).map(\.channel) == [1, 7, 8], "the overlap is not doubled")
        #expect(window.endSample == 30_000)
    }

    @Test func anOlderOrUnsortedFrameIsMergedInOrder() {
        var window = SpikeWindow(stream: "s", sampleRate: 30_000, channelCount: 96)
        window.append(SpikesFixtures.frame(from: 1_500, to: 3_000, spikes: [(2, 2_000)]))
        window.append(SpikesFixtures.frame(from: 0, to: 1_500, spikes: [(1, 1_000)]))
        #expect(window.marks(from: 0, to: 3_000).map(\.sample) == [1_000, 2_000])
        window.append(SpikesFixtures.frame(from: 3_000, to: 4_500, spikes: [(3, 4_000), (4, 3_500)]))
        #expect(window.marks(from: 0, to: 4_500).map(\.sample) == [1_000, 2_000, 3_500, 4_000])
        #expect(window.marks(from: 3_600, to: 4_500).map(\.channel) == [3])
    }

    @Test func aRestartedSourceStartsTheWindowAgain() {
        var window = SpikeWindow(stream: "s", sampleRate: 30_000, channelCount: 96)
        window.append(SpikesFixtures.frame(from: 3_000_000, to: 3_001_500, spikes: [(1, 3_000_100)]))
        window.append(SpikesFixtures.frame(from: 0, to: 1_500, spikes: [(2, 100)]))
        #expect(window.endSample == 1_500)
        #expect(window.count == 1)
    }

    @Test func theFastFrameReaderAgreesWithDecodable() throws {
        var frame = SpikesFixtures.frame(spikes: SpikesFixtures.spikes, rates: SpikesFixtures.rates, omitted: 7)
        frame.spikes[2].amplitude = -81.25
        let wire = try JSONValue(encoding: frame)
        #expect(SpikesFrame.reading(wire) == frame)
        #expect(try wire.decode(SpikesFrame.self) == frame)
        var short = try #require(wire.objectValue)
        short["spikes"] = [[1, 2]]
        #expect(SpikesFrame.reading(.object(short)) == nil, "a mark needs channel, sample and amplitude")
        #expect(SpikesFrame.reading(.array([])) == nil)
    }
}
