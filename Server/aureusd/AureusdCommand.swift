import ArgumentParser
import AureusServer

/// `aureusd`: the Aureus server. `serve` is the default subcommand.
@main
struct AureusdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aureusd",
        abstract: "Aureus server: JSON-RPC over WebSocket, webhooks, approvals, audit.",
        version: ServerVersion.string,
        subcommands: [ServeCommand.self, UsersCommand.self, SimulateCommand.self, VersionCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
