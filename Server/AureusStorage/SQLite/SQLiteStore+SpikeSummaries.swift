import AureusCore

extension SQLiteStore: SpikeSummaryStore {
    /// One transaction per batch: a window of a 1,024-channel source is 1,024 rows.
    public func insertSpikeSummaries(_ rows: [SpikeSummaryRow]) async throws {
        guard !rows.isEmpty else { return }
        try await pool.transaction { db in
            for row in rows {
                try db.run(
                    """
                    INSERT INTO spike_windows (recording, channel, window_start_ms, window_ms, spike_count, mean_amplitude_uv)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(row.recording), .integer(Int64(row.channel)), .integer(row.windowStartMilliseconds),
                        .integer(row.windowMilliseconds), .integer(row.spikeCount), row.meanAmplitudeMicrovolts.map { .real($0) } ?? .null,
                    ]
                )
            }
        }
    }
}
