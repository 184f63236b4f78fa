extension Migration {
    /// Version 5: the per-window spike table becomes `spike_windows`, because the query engine
    /// publishes the `spike_summaries` dataset as a view of that name, and a SQLite temp view
    /// named like the table it reads would read itself ("circularly defined").
    static let spikeWindows = Migration(
        version: 5,
        name: "rename spike_summaries to spike_windows",
        sqlite: statements,
        postgres: statements
    )

    private static let statements = [
        "ALTER TABLE spike_summaries RENAME TO spike_windows",
        "DROP INDEX spike_summaries_recording",
        "CREATE INDEX spike_windows_recording ON spike_windows(recording, window_start_ms)",
    ]
}
