import AureusTUI
import Foundation

/// The REPL history: `$XDG_STATE_HOME/aureus/repl_history` (default `~/.local/state/aureus`),
/// mode 0600 because statements can name people, capped at `ReplHistory.defaultCapacity`
/// entries. The format is `ReplHistory.encode`: one entry per line.
struct ReplHistoryFile {
    let path: String

    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ReplHistoryFile? {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        return ReplHistoryFile(path: base + "/aureus/repl_history")
    }

    func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return Array(ReplHistory.decode(String(decoding: data, as: UTF8.self)).suffix(ReplHistory.defaultCapacity))
    }

    /// Rewrites the file with `entries` (the model already capped them); failures are ignored,
    /// losing history is better than interrupting the user.
    func save(_ entries: [String]) {
        try? PrivateFile.write(Array(ReplHistory.encode(entries).utf8), to: path)
    }
}
