import AureusProtocol
import AureusSpikes
import AureusTestSupport
import Foundation
import Testing

/// A WAV recording replayed by `aureusd` (started with `aureus call neural.sources.start`, as a
/// user would), drawn by the dashboard's spikes pane under tmux: braille raster, header, rate
/// column, snippets, and the pane's keys. Part of the serialized end-to-end suite.
extension DashboardEndToEndTests {
    @Test func replayedRecordingIsDrawnAsARaster() async throws {
        let server = try await ServerProcess()
        defer { server.stop() }
        let recordings = server.dataDirectory + "/recordings"
        try FileManager.default.createDirectory(atPath: recordings, withIntermediateDirectories: true)
        let recording = SyntheticRecording(
            configuration: .init(channels: 16, sampleRate: 30_000, duration: 3, units: 12, snrRange: 6...12, firingRateRange: 10...30, seed: 5)
        )
        try WAVWriter.write(recording.samples, channels: 16, sampleRate: 30_000, to: recordings + "/utah-16ch.wav")

        let bin = ServerProcess.binDirectory + "/aureus"
        let login = ["--server", server.url, "--user", "admin", "--password-file", server.adminPasswordFile]
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-e2e-spikes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        do {
            try await Shell.runOffPool(
                "env",
                ["XDG_CONFIG_HOME=\(scratch)", bin, "call", "neural.sources.start", #"{"kind":"file","path":"../initial-admin-password"}"#] + login
            )
            Issue.record("a path outside the recordings directory was accepted")
        } catch {
            #expect("\(error)".contains("outside") || "\(error)".contains("forbidden"), "\(error)")
        }
        let started = try JSONParser.parse(
            Array(
                try await Shell.runOffPool(
                    "env",
                    ["XDG_CONFIG_HOME=\(scratch)", bin, "call", "neural.sources.start", #"{"kind":"file","path":"utah-16ch.wav","loop":true}"#]
                        + login
                ).utf8
            )
        )
        let id = try #require(started["id"]?.stringValue)
        #expect(started["channelCount"] == 16 && started["sampleRate"] == 30000)

        let trace = scratch + "-trace.log"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let (tui, config) = try Self.dashboard(server, arguments: "--trace-spikes \(trace)", width: 140, height: 44)
        defer { Self.cleanUp(tui, config) }
        try await tui.waitFor(text: "auth.login")
        try await tui.press("5")
        try await tui.press("z")
        let screen = try await tui.waitFor("the raster of \(id)") { screen in
            screen.contains("16 ch · 30.0 kHz") && screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }
        }
        #expect(screen.contains("window 1.0 s"))
        // Rates arrive about once a second; the rate column uses the block ramp.
        try await tui.waitFor("the rate column") { $0.contains("spk/s") && !$0.contains("· 0 spk/s") }
        // The busiest channel (from a snapshot, as a script would ask), selected from the keyboard:
        // its snippet box reports the µV range of its waveforms.
        let snapshot = try JSONParser.parse(
            Array(try await Shell.runOffPool("env", ["XDG_CONFIG_HOME=\(scratch)", bin, "call", "spikes.snapshot", #"{"seconds":2}"#] + login).utf8)
        )
        let channels = (snapshot["frame"]?["spikes"]?.arrayValue ?? []).compactMap { $0.arrayValue?.first?.intValue }
        let busiest = try #require(Dictionary(grouping: channels, by: { $0 }).max { $0.value.count < $1.value.count }?.key)
        for _ in 0..<busiest { try await tui.press("j") }
        try await tui.waitFor("channel \(busiest) selected") { $0.contains("▶ ch \(busiest) ·") }
        try await tui.waitFor("the snippet box") { $0.contains("ch \(busiest) · 8 snippets") && $0.contains("µV") }

        try await tui.press("-")
        try await tui.waitFor("a 2 s window") { $0.contains("window 2.0 s") }
        try await tui.press("Space")
        let paused = try await tui.waitFor("paused") { $0.contains("PAUSED") }
        try await Task.sleep(for: .milliseconds(600))
        // The status bar's clock moves on; the raster rows do not.
        func rasterRows(_ screen: String) -> [Substring] {
            screen.split(separator: "\n").filter { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } }
        }
        #expect(rasterRows(try await tui.screen()) == rasterRows(paused), "a paused raster does not move")
        try await tui.press("Space")
        try await tui.waitFor("live again") { !$0.contains("PAUSED") }

        try await tui.press("q")
        try await Self.waitForExit(tui)
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains("oldest_frame_ms=") && $0.contains("drawn_ms=") })
    }
}
