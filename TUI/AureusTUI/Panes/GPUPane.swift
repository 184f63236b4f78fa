import AureusProtocol

/// The GPU pane: per GPU gauges (utilisation, memory, temperature, power) with sparklines and
/// the compute processes, then the local Ollama: version and state, loaded models with their
/// share on the GPU and an expiry countdown, installed models and recent tokens/s.
///
/// Fed by `GPUSnapshot`s and `OllamaSnapshot`s (the `gpu.snapshot`/`ollama.snapshot` answers
/// after every (re)connect, then the `gpu` and `ollama` topics). Each snapshot is complete and
/// carries its own sparkline history, so the newest simply replaces the last.
public struct GPUPane: Pane {
    public let id = PaneID.gpu
    public private(set) var gpu: GPUSnapshot?
    public private(set) var ollama: OllamaSnapshot?
    /// The screen's clock, for expiry countdowns.
    public private(set) var now = Timestamp(milliseconds: 0)

    public init() {}

    public var hasLoaded: Bool { gpu != nil || ollama != nil }

    public mutating func receive(_ snapshot: GPUSnapshot) { gpu = snapshot }
    public mutating func receive(_ snapshot: OllamaSnapshot) { ollama = snapshot }
    public mutating func tick(_ time: Timestamp) { now = time }

    public var note: String {
        var parts: [String] = []
        if let gpu, gpu.state == .ok { parts.append(gpu.gpus.count == 1 ? "1 GPU" : "\(gpu.gpus.count) GPUs") }
        if let ollama, ollama.state != .starting { parts.append("ollama \(ollama.state.rawValue)") }
        return parts.joined(separator: " · ")
    }

    public func render(into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        let inside = canvas.paneFrame(self, area: area, context: context)
        guard !inside.isEmpty else { return }
        guard hasLoaded else {
            canvas.centered([("Waiting for the server…", Style(.dim))], in: inside)
            return
        }
        let lines = GPUPaneLines(gpu: gpu, ollama: ollama, now: now, width: inside.width).lines(maxLines: inside.height)
        for (offset, line) in lines.enumerated() {
            var x = inside.x
            for piece in line where x < inside.maxX {
                x = canvas.put(piece.text, x: x, y: inside.y + offset, style: piece.style, clip: inside)
            }
        }
    }
}
