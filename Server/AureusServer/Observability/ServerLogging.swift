import Logging

/// Builds the server's logger: JSON lines on stderr for a headless VM, or plain text.
public enum ServerLogging {
    public static func makeLogger(_ configuration: ServerConfiguration, label: String = "aureusd") -> Logger {
        let json = configuration.jsonLogs
        var logger = Logger(label: label) { label in
            json ? JSONLogHandler(label: label) as any LogHandler : StreamLogHandler.standardError(label: label) as any LogHandler
        }
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        return logger
    }
}
