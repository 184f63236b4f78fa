import ArgumentParser
import Foundation

/// How to reach and authenticate to the server; shared by every subcommand.
struct ClientOptions: ParsableArguments {
    @Option(help: "Server WebSocket URL (env AUREUS_SERVER).")
    var server: String = ProcessInfo.processInfo.environment["AUREUS_SERVER"] ?? "ws://127.0.0.1:8889/v1/ws"

    @Option(help: "Bearer token (session or API token) instead of logging in (env AUREUS_TOKEN).")
    var token: String?

    @Option(help: "Username for the login prompt.")
    var user: String?

    @Option(help: "Read the password from this file instead of prompting (first line).")
    var passwordFile: String?

    /// The URL with the default `/v1/ws` path added when only host and port were given.
    var serverURL: String {
        var url = server
        if !url.hasPrefix("ws://") && !url.hasPrefix("wss://") { url = "ws://" + url }
        let afterScheme = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        if afterScheme.count < 4 || afterScheme[3].isEmpty { url = url.hasSuffix("/") ? url + "v1/ws" : url + "/v1/ws" }
        return url
    }
}
