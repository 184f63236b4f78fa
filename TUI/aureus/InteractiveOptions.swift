import ArgumentParser

/// Options of the full-screen commands (`aureus [dashboard]`, `aureus repl`).
struct InteractiveOptions: ParsableArguments {
    @Option(help: "Colour theme: a name from themes/ or the user theme directory, or a .toml path (env AUREUS_THEME).")
    var theme: String?

    @Option(help: "Write connect→first-frame timing to this file (benchmarks).")
    var traceTiming: String?

    @Option(help: "Append '<request id> <wall-clock ms>' to this file when a request first reaches the screen (benchmarks).")
    var traceApprovals: String?

    @Option(help: "Append one line per REPL query with the monotonic times of Enter, first page received and first page drawn (benchmarks).")
    var traceQuery: String?

    @Option(help: "Append one line per drawn spike-raster frame with the frames' detection times and the draw time, wall-clock ms (benchmarks).")
    var traceSpikes: String?
}
