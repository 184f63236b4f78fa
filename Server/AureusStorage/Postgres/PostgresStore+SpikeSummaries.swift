import AureusCore
import PostgresNIO

extension PostgresStore: SpikeSummaryStore {
    /// One statement per batch through `unnest` of parallel arrays; a silent window's mean
    /// travels as NaN and is stored as NULL.
    public func insertSpikeSummaries(_ rows: [SpikeSummaryRow]) async throws {
        guard !rows.isEmpty else { return }
        let recordings = rows.map(\.recording)
        let channels = rows.map { Int64($0.channel) }
        let starts = rows.map(\.windowStartMilliseconds)
        let lengths = rows.map(\.windowMilliseconds)
        let counts = rows.map(\.spikeCount)
        let means = rows.map { $0.meanAmplitudeMicrovolts ?? .nan }
        _ = try await execute(
            """
            INSERT INTO spike_windows (recording, channel, window_start_ms, window_ms, spike_count, mean_amplitude_uv)
            SELECT r, c, s, w, n, NULLIF(m, 'NaN'::double precision)
            FROM unnest(\(recordings)::text[], \(channels)::bigint[], \(starts)::bigint[], \(lengths)::bigint[], \(counts)::bigint[],
                        \(means)::double precision[]) AS t(r, c, s, w, n, m)
            """
        )
    }
}
