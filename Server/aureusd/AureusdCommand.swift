import ArgumentParser
import AureusServer
import Glibc

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

    /// aureusd keeps every time in UTC (`Timestamp`, RFC 3339 with "Z"), so the host's zone is never
    /// needed. Without `TZ`, Hummingbird's HTTP `Date` header calendar still resolves it at start-up
    /// (`Calendar(identifier:)` before it sets GMT), which maps ICU's zone tables: 2 MiB of idle RSS
    /// for a value replaced at once. Runs before any thread starts, so `setenv` is safe; an operator's
    /// own `TZ` is kept.
    static func main() async {
        setenv("TZ", "GMT", 0)
        await main(nil)
    }
}
