import Testing

@testable import AureusSpikes

@Suite("SpikeExclusion")
struct SpikeExclusionTests {
    static func run(_ candidates: [SpikeEvent], settledAfterEach: Bool = false) -> [SpikeEvent] {
        var exclusion = SpikeExclusion(configuration: .init(), sampleRate: 30_000)
        let sigma = [Float](repeating: 1, count: 16)
        var events: [SpikeEvent] = []
        sigma.withUnsafeBufferPointer { s in
            for c in candidates {
                let first = events.count
                events.append(c)
                exclusion.process(&events, from: first, settled: settledAfterEach ? c.sampleIndex : 0, sigma: s)
            }
            exclusion.flush(into: &events)
        }
        return events.sorted { ($0.sampleIndex, $0.channel) < ($1.sampleIndex, $1.channel) }
    }

    @Test func oneSpikeOnThreeChannelsIsReportedOnceOnTheLargest() {
        let events = Self.run([
            SpikeEvent(channel: 4, sampleIndex: 1_000, amplitude: -6),
            SpikeEvent(channel: 5, sampleIndex: 1_001, amplitude: -12),
            SpikeEvent(channel: 6, sampleIndex: 1_002, amplitude: -7),
        ])
        #expect(events == [SpikeEvent(channel: 5, sampleIndex: 1_001, amplitude: -12)])
    }

    @Test func ringingAfterALargeSpikeIsDroppedButASimilarSpikeIsKept() {
        let events = Self.run([
            SpikeEvent(channel: 3, sampleIndex: 1_000, amplitude: -20),
            SpikeEvent(channel: 3, sampleIndex: 1_045, amplitude: -8),  // 1.5 ms later, 2.5× smaller: ringing
            SpikeEvent(channel: 3, sampleIndex: 2_000, amplitude: -20),
            SpikeEvent(channel: 4, sampleIndex: 2_040, amplitude: -15),  // 1.3 ms later, comparable: another spike
        ])
        #expect(events.map(\.sampleIndex) == [1_000, 2_000, 2_040])
    }

    @Test func collidingSpikesOfDifferentUnitsOnNeighboursAreBothKept() {
        let events = Self.run([
            SpikeEvent(channel: 2, sampleIndex: 500, amplitude: -10),
            SpikeEvent(channel: 3, sampleIndex: 515, amplitude: -9),  // 0.5 ms later on the next channel
            SpikeEvent(channel: 9, sampleIndex: 500, amplitude: -5),  // far away
        ])
        #expect(events.count == 3)
    }

    @Test func decisionsWaitUntilContestantsAreSettled() {
        // Streamed with `settled` at each candidate's own index: the larger neighbour arrives after the smaller one
        // and must still win.
        let events = Self.run(
            [SpikeEvent(channel: 1, sampleIndex: 100, amplitude: -6), SpikeEvent(channel: 2, sampleIndex: 103, amplitude: -9)],
            settledAfterEach: true
        )
        #expect(events == [SpikeEvent(channel: 2, sampleIndex: 103, amplitude: -9)])
    }
}
