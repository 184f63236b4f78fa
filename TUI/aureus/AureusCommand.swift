import ArgumentParser

/// `aureus`: the Aureus terminal client. The dashboard is the default subcommand.
@main
struct AureusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aureus",
        abstract: "Aureus terminal console: live dashboard for aureusd.",
        version: "0.1.0",
        subcommands: [DashboardCommand.self, ReplCommand.self, QueryCommand.self, KeysCommand.self, CallCommand.self, VerifyCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
