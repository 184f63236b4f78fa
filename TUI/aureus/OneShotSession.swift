import AureusClient
import AureusProtocol
import Foundation
import Logging

/// A short-lived authenticated connection for command-line subcommands (`call`, `keys register`):
/// connects, reuses the cached session (or `--token`), logs in when needed, runs `body`, hangs up.
enum OneShotSession {
    static func run<T: Sendable>(
        options: ClientOptions,
        _ body: @escaping @Sendable (AureusConnection) async throws -> T
    ) async throws -> T {
        let url = options.serverURL
        let cache = SessionCache.standard()
        var logger = Logger(label: "aureus")
        logger.logLevel = .critical
        var token = options.token ?? cache?.token(for: url)
        for _ in 0..<2 {
            let connection = AureusConnection(url: url, token: token, logger: logger)
            let hadToken = token != nil
            let outcome: Result<T, any Error>? = try await withThrowingTaskGroup(of: Result<T, any Error>?.self) { group in
                group.addTask {
                    await connection.run()
                    return nil
                }
                group.addTask {
                    for await event in connection.events {
                        guard case .state(let state) = event else { continue }
                        switch state {
                        case .connected:
                            if !hadToken {
                                let newToken = try await LoginPrompt.login(options: options, connection: connection)
                                if options.token == nil { cache?.store(newToken, for: url) }
                            }
                            do { return .success(try await body(connection)) } catch { return .failure(error) }
                        case .needsLogin:
                            return nil
                        case .incompatible(let reason):
                            return .failure(ClientError(reason))
                        case .waiting(let reason, _):
                            return .failure(ClientError("cannot reach \(url): \(reason)"))
                        case .connecting:
                            continue
                        }
                    }
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                await connection.disconnect()
                return first
            }
            if let outcome { return try outcome.get() }
            // The cached token was refused: forget it and log in once.
            cache?.store(nil, for: url)
            token = nil
        }
        throw ClientError("could not open a session with \(url)")
    }
}
