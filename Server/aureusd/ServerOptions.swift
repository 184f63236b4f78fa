import ArgumentParser
import AureusServer
import Foundation

/// Options shared by every subcommand that opens the store. Precedence: flag, then
/// `AUREUS_*` environment variable, then the TOML file, then the default.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on, host:port (env AUREUS_LISTEN).")
    var listen: String?

    @Option(help: "Data directory for the embedded store and key files (env AUREUS_DATA_DIR; default ./data).")
    var dataDir: String?

    @Option(help: "PostgreSQL URL, postgres://user:pass@host:port/db (env AUREUS_DATABASE_URL). Omit for the embedded SQLite store.")
    var databaseURL: String?

    @Option(help: "Redis URL, redis://host:port (env AUREUS_REDIS_URL). Omit for in-process equivalents.")
    var redisURL: String?

    @Option(help: "Prefix of Redis keys and channels; instances sharing it form one cluster (env AUREUS_REDIS_NAMESPACE; default aureus).")
    var redisNamespace: String?

    @Option(help: "TOML configuration file (env AUREUS_CONFIG).")
    var config: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env AUREUS_LOG_LEVEL).")
    var logLevel: String?

    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        if let path = config ?? environment["AUREUS_CONFIG"] {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ValidationError("cannot read config file \(path): \(error.localizedDescription)")
            }
            do { try configuration.apply(toml: text) } catch { throw ValidationError("\(path): \(error)") }
        }
        if let value = listen ?? environment["AUREUS_LISTEN"] { try configuration.setListen(value) }
        if let value = dataDir ?? environment["AUREUS_DATA_DIR"] { configuration.dataDirectory = value }
        if let value = databaseURL ?? environment["AUREUS_DATABASE_URL"], !value.isEmpty { configuration.databaseURL = value }
        if let value = redisURL ?? environment["AUREUS_REDIS_URL"], !value.isEmpty { configuration.redisURL = value }
        if let value = redisNamespace ?? environment["AUREUS_REDIS_NAMESPACE"], !value.isEmpty { configuration.redisNamespace = value }
        if let value = logLevel ?? environment["AUREUS_LOG_LEVEL"] { configuration.logLevel = value }
        return configuration
    }
}
