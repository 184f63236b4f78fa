import AureusProtocol
import AureusTestSupport
import Foundation
import Testing

/// `aureusd` pointed at the fake NVML library (real dlopen) and the fake Ollama server, the
/// dashboard under tmux, the GPU pane focused with `4`: the GPU name, the loaded model and
/// live updates must appear on screen. Part of the serialized end-to-end suite.
extension DashboardEndToEndTests {
    @Test func gpuPaneWithFakeNVMLAndOllama() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-e2e-gpu-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let nvml = try await FakeNVML.build(in: directory, script: FakeNVML.h100Script(utilization: 42))
        let ollama = try await FakeOllamaServer.start()
        let expires = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 300_000).iso8601
        ollama.set("GET /api/ps", .json(body: FakeOllamaServer.psBody(name: "phi3:mini", expiresAt: expires)))
        let server = try await ServerProcess(extraArguments: [
            "--nvml-library", nvml.libraryPath, "--nvidia-smi", "/nonexistent/nvidia-smi",
            "--ollama-url", ollama.baseURL, "--ollama-poll-interval", "0.5",
        ])
        defer { server.stop() }
        let (tui, config) = try Self.dashboard(server, width: 160, height: 48)
        defer { Self.cleanUp(tui, config) }
        try await tui.waitFor(text: "auth.login")
        try await tui.press("4")
        try await tui.press("z")
        let screen = try await tui.waitFor("the GPU and the loaded model") { screen in
            screen.contains("NVIDIA H100 80GB HBM3") && screen.contains("phi3:mini") && screen.contains("Ollama 0.5.1 up")
        }
        #expect(screen.contains("util 42%"))
        #expect(screen.contains("75% GPU"))
        #expect(screen.contains("unloads in 4m") || screen.contains("unloads in 5m"))
        #expect(screen.contains("fan n/a"), "NVML_ERROR_NOT_SUPPORTED shows as n/a")

        // A new reading reaches the screen within about one poll interval (1 s).
        try nvml.write(FakeNVML.h100Script(utilization: 77))
        try await tui.waitFor("the new utilisation", timeout: .seconds(4)) { $0.contains("util 77%") }

        // Ollama goes away: the pane says so in words.
        await ollama.stop()
        try await tui.waitFor("Ollama down", timeout: .seconds(6)) { $0.contains("No Ollama at \(ollama.baseURL)") }
        try await tui.press("q")
        try await Self.waitForExit(tui)
    }

    /// Without a driver and without Ollama the pane says so instead of showing empty gauges.
    @Test func gpuPaneWithoutDriverOrOllama() async throws {
        let server = try await ServerProcess(extraArguments: [
            "--nvml-library", "/nonexistent/libnvidia-ml.so.1", "--nvidia-smi", "/nonexistent/nvidia-smi",
            "--ollama-url", "http://127.0.0.1:1",
        ])
        defer { server.stop() }
        let (tui, config) = try Self.dashboard(server, width: 160, height: 48)
        defer { Self.cleanUp(tui, config) }
        try await tui.waitFor(text: "auth.login")
        try await tui.press("4")
        let screen = try await tui.waitFor("no GPU and no Ollama") { $0.contains("No NVIDIA GPU") && $0.contains("No Ollama") }
        #expect(screen.contains("no NVIDIA driver"))
        try await tui.press("q")
        try await Self.waitForExit(tui)
    }
}
