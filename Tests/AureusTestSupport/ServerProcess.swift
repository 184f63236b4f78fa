import Foundation

/// A real `aureusd` process on an ephemeral loopback port with its own data directory, for
/// end-to-end tests. Binaries come from `AUREUS_BIN_DIR` (set by `make test`) or `.build/debug`.
// Sendable because `process` is only read after init; Process itself is thread-safe for these calls.
public final class ServerProcess: @unchecked Sendable {
    public let port: Int
    public let dataDirectory: String
    private let process: Process

    public static var binDirectory: String {
        if let dir = ProcessInfo.processInfo.environment["AUREUS_BIN_DIR"], !dir.isEmpty { return dir }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug").path
    }

    /// Starts `aureusd`; with `dataDirectory` it reuses an existing store (restart after a crash).
    public init(dataDirectory existing: String? = nil, extraArguments: [String] = []) async throws {
        dataDirectory = existing ?? FileManager.default.temporaryDirectory.appendingPathComponent("aureus-e2e-\(UUID().uuidString)").path
        try? FileManager.default.removeItem(atPath: dataDirectory + ".port")
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let portFile = dataDirectory + ".port"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binDirectory + "/aureusd")
        process.arguments =
            ["serve", "--listen", "127.0.0.1:0", "--data-dir", dataDirectory, "--port-file", portFile, "--log-level", "warning"] + extraArguments
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        self.process = process
        let deadline = ContinuousClock.now + .seconds(20)
        var port = 0
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
                let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                port = value
                break
            }
            guard process.isRunning else { throw ShellError("aureusd exited with \(process.terminationStatus) before listening") }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard port > 0 else { throw ShellError("aureusd did not report a port within 20 s") }
        self.port = port
    }

    public var url: String { "ws://127.0.0.1:\(port)/v1/ws" }

    /// Resident memory of the server process in KiB (`VmRSS`), for the soak drill.
    public var residentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
    public var adminPasswordFile: String { dataDirectory + "/initial-admin-password" }

    public var adminPassword: String {
        get throws { try String(contentsOfFile: adminPasswordFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// SIGKILL: no shutdown handlers, no flush; the data directory stays for a restart.
    public func kill9() async {
        kill(process.processIdentifier, SIGKILL)
        let process = self.process
        _ = try? await offPool { process.waitUntilExit() }
    }

    public func stop() {
        // SIGTERM without waiting: waiting on a test's task could stall the cooperative pool
        // (see `Spawn`); the server shuts down on its own.
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(atPath: dataDirectory)
        try? FileManager.default.removeItem(atPath: dataDirectory + ".port")
    }

    deinit { stop() }
}
