import ArgumentParser
import AureusServer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `aureusd serve`: run until SIGTERM or SIGINT, then shut down gracefully.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the server (the default).")

    @OptionGroup var options: ServerOptions
    @OptionGroup(title: "GPU and Ollama") var watchers: WatcherOptions
    @OptionGroup(title: "Queries and recordings") var queries: QueryOptions

    @Option(help: "Write the bound port to this file once listening (for scripts using --listen 127.0.0.1:0).")
    var portFile: String?

    func run() async throws {
        var resolved = try options.resolve()
        do { try watchers.apply(to: &resolved) } catch { throw ValidationError("\(error)") }
        do { try queries.apply(to: &resolved) } catch { throw ValidationError("\(error)") }
        let configuration = resolved
        let logger = ServerLogging.makeLogger(configuration)
        let portFile = portFile
        let app = try await buildApplication(configuration: configuration, logger: logger) { port in
            logger.notice("listening", metadata: ["aureus.address": "\(configuration.host):\(port)"])
            if let portFile { try? "\(port)\n".write(toFile: portFile, atomically: true, encoding: .utf8) }
        }
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
