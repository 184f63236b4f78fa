import AureusProtocol
import Foundation
import Testing

@testable import AureusTUI

/// The GPU pane drawn by the whole `Screen`, zoomed (full gauges) and in its grid cell
/// (one summary line per GPU), with and without a GPU and Ollama.
@Suite struct GPUPaneRenderTests {
    static let themes = ["default", "high-contrast"]

    static func paneRows(_ model: AppModel, theme: String) throws -> (rows: [String], canvas: Canvas, area: Rect) {
        let canvas = try Screen(model: model, theme: Fixtures.theme(theme)).render(size: model.size)
        let area = try #require(ScreenLayout(size: model.size, focus: model.focus, zoomed: model.zoomed).panes[.gpu])
        let rows = (area.y..<area.maxY).map { String(canvas.row(at: $0).dropFirst(area.x).prefix(area.width)) }
        return (rows, canvas, area)
    }

    /// The inside of a row: without the frame glyphs, trailing blanks trimmed.
    static func inner(_ row: String) -> String {
        var text = String(row.dropFirst().dropLast())
        while text.last == " " { text.removeLast() }
        return text
    }

    @Test(arguments: themes)
    func zoomedFullLayout(theme: String) throws {
        let model = try GPUFixtures.model(
            gpu: GPUFixtures.gpu(),
            ollama: GPUFixtures.ollama(),
            size: TerminalSize(width: 100, height: 30),
            zoomed: true
        )
        let (rows, canvas, area) = try Self.paneRows(model, theme: theme)
        let inside = rows.map(Self.inner)
        #expect(rows[0].contains(" 4 GPU ") && rows[0].contains("1 GPU · ollama up"))
        #expect(inside[1] == "GPU 0 NVIDIA H100 80GB HBM3  fan n/a · nvml")
        #expect(inside[2].hasPrefix(" util 100%          ██████████ "))
        #expect(inside[3].hasPrefix(" mem  19.4/79.6 GiB ██░░░░░░░░ "))
        #expect(inside[4].hasPrefix(" temp 83°C          ████████░░ "))
        #expect(inside[5].hasPrefix(" pwr  632/700 W     █████████░ "))
        #expect(inside[6] == "  pid 11345 gpu_burn  15.3 GiB")
        #expect(inside[7] == "Ollama 0.5.1 up · 2 ms")
        #expect(inside[8] == "  ▶ phi3:mini  75% GPU  4.0 GiB  unloads in 4m59s")
        #expect(inside[9] == "  installed phi3:mini 3.8B")
        #expect(inside[10] == "  recent 61.2 tok/s phi3:mini · 912 ms")
        // 40 samples → 20 braille cells of sparkline after the bar.
        #expect(inside[2].unicodeScalars.filter { (0x2800...0x28FF).contains($0.value) }.count == 20)
        // 83 °C is hot: the temperature value is drawn in the warn role.
        #expect(canvas[area.x + 7, area.y + 4].style.foreground == .warn)
        #expect(canvas[area.x + 1, area.y + 7].style == Style(.accent, [.bold]))
    }

    @Test func inItsGridCellOneLinePerGPU() throws {
        let model = try GPUFixtures.model(
            gpu: GPUFixtures.gpu(),
            ollama: GPUFixtures.ollama(),
            size: TerminalSize(width: 120, height: 40),
            zoomed: false
        )
        let (rows, _, _) = try Self.paneRows(model, theme: "default")
        let inside = rows.dropFirst().dropLast().map(Self.inner)
        #expect(inside.first?.hasPrefix("GPU 0 NVIDIA H100 80GB HBM3  100% · 19.4/79.6 GiB · 83°C") == true)
        #expect(inside.contains("Ollama 0.5.1 up · 2 ms"))
        #expect(inside.contains { $0.contains("phi3:mini") && $0.contains("75% GPU") })
    }

    /// No GPU and no Ollama: plain words, not empty gauges.
    @Test(arguments: themes)
    func noGPUNoOllama(theme: String) throws {
        let model = try GPUFixtures.model(
            gpu: GPUFixtures.noDriver,
            ollama: GPUFixtures.ollamaDown,
            size: TerminalSize(width: 100, height: 30),
            zoomed: true
        )
        let (rows, canvas, area) = try Self.paneRows(model, theme: theme)
        let inside = rows.map(Self.inner)
        #expect(inside[1] == "No NVIDIA GPU — no NVIDIA driver (cannot load libnvidia-ml.so.1)")
        #expect(inside[2] == "No Ollama at http://127.0.0.1:11434: unreachable: connection refused · retry in 8 s")
        #expect(rows[0].contains("ollama down"))
        #expect(canvas[area.x + 1, area.y + 1].style.foreground == .warn)
        #expect(canvas[area.x + 1, area.y + 2].style.foreground == .error)
    }

    @Test func countdownFollowsTheClock() throws {
        var model = try GPUFixtures.model(
            gpu: GPUFixtures.gpu(),
            ollama: GPUFixtures.ollama(),
            size: TerminalSize(width: 100, height: 30),
            zoomed: true
        )
        model.apply(.tick(GPUFixtures.now.adding(milliseconds: 240_000)))
        #expect(try Self.paneRows(model, theme: "default").rows.contains { $0.contains("unloads in 59s") })
        model.apply(.tick(GPUFixtures.now.adding(milliseconds: 400_000)))
        #expect(try Self.paneRows(model, theme: "default").rows.contains { $0.contains("unloading") })
    }

    @Test func staleAfterDisconnectFreshOnNextSnapshot() throws {
        var model = try GPUFixtures.model(
            gpu: GPUFixtures.gpu(),
            ollama: GPUFixtures.ollama(),
            size: TerminalSize(width: 100, height: 30),
            zoomed: true
        )
        model.apply(.connection(.reconnecting(inSeconds: 2)))
        #expect(model.isStale(.gpu))
        model.apply(.rpcResult(method: "gpu.snapshot", params: .object([:]), result: try JSONValue(encoding: GPUFixtures.gpu())))
        #expect(!model.isStale(.gpu))
    }

    @Test func lineBudgetKeepsOllamaVisible() {
        let many = GPUFixtures.gpu(
            (0..<8).map { index in
                var device = GPUFixtures.h100()
                device.index = index
                device.uuid = "GPU-\(index)"
                return device
            }
        )
        let lines = GPUPaneLines(gpu: many, ollama: GPUFixtures.ollama(), now: GPUFixtures.now, width: 80).lines(maxLines: 8)
        let text = lines.map { $0.map(\.text).joined() }
        #expect(text.count == 8)
        #expect(text.contains { $0.hasPrefix("Ollama 0.5.1") }, "\(text)")
        #expect(text.first?.hasPrefix("GPU 0 NVIDIA H100 80GB HBM3  100%") == true, "compact when the full layout does not fit")
    }
}
