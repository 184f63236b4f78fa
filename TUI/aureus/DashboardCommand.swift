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
    @OptionGroup var interactive: InteractiveOptions

    func run() async throws {
        try await InteractiveLauncher.run(options: options, interactive: interactive, replOnly: false)
    }
}

/// What `dashboard` and `repl` share: theme, session cache, the relogin loop.
enum InteractiveLauncher {
    static func run(options: ClientOptions, interactive: InteractiveOptions, replOnly: Bool) async throws {
        let environment = ProcessInfo.processInfo.environment
        let url = options.serverURL
        let cache = SessionCache.standard()
        var token = options.token ?? cache?.token(for: url)
        let loader = ThemeLoader.standard(environment: environment, executablePath: CommandLine.arguments.first)
        let themeName = interactive.theme ?? environment["AUREUS_THEME"] ?? "default"
        let initialTheme: Theme
        do { initialTheme = try loader.load(themeName) } catch {
            throw ValidationError("theme '\(themeName)': \(error); available: \(loader.availableThemes().joined(separator: ", "))")
        }
        var logger = Logger(label: "aureus")
        logger.logLevel = .critical
        let trace = interactive.traceQuery.map(QueryTraceLog.init(path:))
        let history = ReplHistoryFile.standard(environment: environment)

        while true {
            let connection = AureusConnection(url: url, token: token, logger: logger)
            let session = DashboardSession(
                connection: connection,
                options: options,
                url: url,
                theme: initialTheme,
                loader: loader,
                traceTimingPath: interactive.traceTiming,
                traceApprovalsPath: interactive.traceApprovals,
                replOnly: replOnly,
                history: history,
                trace: trace,
                spikeTrace: interactive.traceSpikes.map(SpikeTraceLog.init(path:))
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
