import ArgumentParser

/// `aureus repl`: the SQL REPL on its own, the same model and loop as the dashboard started
/// in REPL mode (`AppModel.replOnly`): `\q`, Esc or F2 quit instead of showing the dashboard.
struct ReplCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "The SQL REPL: read-only queries over the datasets, \\ask for model-proposed SQL."
    )

    @OptionGroup var options: ClientOptions
    @OptionGroup var interactive: InteractiveOptions

    func run() async throws {
        try await InteractiveLauncher.run(options: options, interactive: interactive, replOnly: true)
    }
}
