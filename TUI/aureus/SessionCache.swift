import AureusProtocol
import Foundation

/// The session token cache: `$XDG_CONFIG_HOME/aureus/session.json` (default
/// `~/.config/aureus`), mode 0600, one token per server URL, so a restart of the TUI does
/// not ask for the password again within the session's lifetime.
struct SessionCache {
    let path: String

    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> SessionCache? {
        let base: String
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            base = config
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.config"
        } else {
            return nil
        }
        return SessionCache(path: base + "/aureus/session.json")
    }

    func token(for server: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONParser.parse(Array(data)) else { return nil }
        return value[server]?.stringValue
    }

    func store(_ token: String?, for server: String) {
        var entries: [String: JSONValue] = [:]
        if let data = FileManager.default.contents(atPath: path), let value = try? JSONParser.parse(Array(data)) {
            entries = value.objectValue ?? [:]
        }
        entries[server] = token.map { .string($0) }
        try? PrivateFile.write(CanonicalJSON.encode(.object(entries)), to: path)
    }
}
