import ArgumentParser
import AureusClient
import AureusProtocol
import AureusTUI
import Foundation
import Logging

/// `aureus [dashboard]`: log in (or reuse the cached session), then run the live dashboard
/// until the user quits. A session the server refuses mid-run brings the login prompt back.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "The live dashboard (default).")

    @OptionGroup var options: ClientOptions

    @Option(help: "Colour theme: a name from themes/ or the user theme directory, or a .toml path (env AUREUS_THEME).")
    var theme: String?

    @Option(help: "Write connect→first-frame timing to this file (benchmarks).")
    var traceTiming: String?

    @Option(help: "Append '<request id> <wall-clock ms>' to this file when a request first reaches the screen (benchmarks).")
    var traceApprovals: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let url = options.serverURL
        let cache = SessionCache.standard()
        var token = options.token ?? cache?.token(for: url)
        let loader = ThemeLoader.standard(environment: environment, executablePath: CommandLine.arguments.first)
        let themeName = theme ?? environment["AUREUS_THEME"] ?? "default"
        let initialTheme: Theme
        do { initialTheme = try loader.load(themeName) } catch {
            throw ValidationError("theme '\(themeName)': \(error); available: \(loader.availableThemes().joined(separator: ", "))")
        }
        var logger = Logger(label: "aureus")
        logger.logLevel = .critical

        while true {
            let connection = AureusConnection(url: url, token: token, logger: logger)
            let session = DashboardSession(
                connection: connection,
                options: options,
                url: url,
                theme: initialTheme,
                loader: loader,
                traceTimingPath: traceTiming,
                traceApprovalsPath: traceApprovals
            )
            let outcome = try await session.run(needsLogin: token == nil) { newToken in
                if options.token == nil { cache?.store(newToken, for: url) }
            }
            switch outcome {
            case .quit:
                return
            case .relogin:
                token = nil
                cache?.store(nil, for: url)
                print("The session ended; please log in again.")
            }
        }
    }
}
