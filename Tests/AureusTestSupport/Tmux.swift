import Foundation

/// Drives a real terminal: a detached tmux session of a fixed size running a command, typed
/// into with `send-keys` and read with `capture-pane`, as a person at the keyboard would.
public final class TmuxSession: Sendable {
    public let name: String

    /// Starts `command` in a new detached session of `width`×`height` cells.
    public init(command: String, width: Int = 160, height: Int = 48, environment: [String: String] = [:]) throws {
        name = "aureus-e2e-\(UUID().uuidString.prefix(8))"
        var environment = environment
        environment["LANG"] = environment["LANG"] ?? "C.UTF-8"
        let exports = environment.map { "export \($0.key)='\($0.value)';" }.joined(separator: " ")
        let status = Spawn.runAndWait([
            "tmux", "-u", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
            "bash -c \"\(exports) \(command); sleep 30\"",
        ])
        guard status == 0 else { throw ShellError("tmux new-session exited \(status)") }
    }

    /// Types literal text (no key names).
    public func type(_ text: String) async throws { try await Shell.runOffPool("tmux", ["send-keys", "-t", name, "-l", "--", text]) }

    /// Presses keys by tmux name: "Enter", "Escape", "Tab", "C-c", "q" …
    public func press(_ keys: String...) async throws { try await Shell.runOffPool("tmux", ["send-keys", "-t", name] + keys) }

    /// The screen as plain text, one line per row.
    public func screen() async throws -> String { try await Shell.runOffPool("tmux", ["capture-pane", "-p", "-t", name]) }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen.
    @discardableResult
    public func waitFor(_ what: String, timeout: Duration = .seconds(15), _ predicate: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = try await screen()
            if predicate(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ShellError("timed out waiting for \(what); screen was:\n\(last)")
    }

    @discardableResult
    public func waitFor(text: String, timeout: Duration = .seconds(15)) async throws -> String {
        try await waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Whether the session still exists (the program may have exited and `sleep` run out).
    public func kill() { Spawn.runAndWait(["tmux", "kill-session", "-t", name]) }

    deinit { kill() }
}
