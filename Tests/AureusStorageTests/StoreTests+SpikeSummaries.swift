import AureusCore
import AureusStorage
import Testing

extension StoreTests {
    @Test("spike summaries: a batch lands whole, a silent window's mean is NULL", arguments: Backend.allCases)
    func spikeSummaries(_ backend: Backend) async throws {
        try await StoreHarness.with(backend) { harness in
            let store = harness.store
            let rows = (0..<300).map { channel in
                SpikeSummaryRow(
                    recording: "synthetic-300ch (n-1)",
                    channel: channel,
                    windowStartMilliseconds: 1_800_000_000_000,
                    windowMilliseconds: 10_000,
                    spikeCount: Int64(channel % 3),
                    meanAmplitudeMicrovolts: channel % 3 == 0 ? nil : -40.5 - Double(channel)
                )
            }
            try await store.insertSpikeSummaries(rows)
            try await store.insertSpikeSummaries([])
            #expect(try await store._queryRawInt64("SELECT COUNT(*) FROM spike_windows") == 300)
            #expect(try await store._queryRawInt64("SELECT CAST(SUM(spike_count) AS BIGINT) FROM spike_windows") == 300)
            #expect(try await store._queryRawInt64("SELECT COUNT(*) FROM spike_windows WHERE mean_amplitude_uv IS NULL") == 100)
            #expect(try await store._queryRawInt64("SELECT CAST(mean_amplitude_uv * 10 AS BIGINT) FROM spike_windows WHERE channel = 7") == -475)
        }
    }
}
