import AureusProtocol

extension GPUPaneLines {
    /// Header (version, state, latency or the reason), loaded models, installed models, tokens/s.
    func ollamaSection() -> [Line] {
        guard let ollama else { return [[Piece("Ollama: waiting for the first poll…", Style(.dim))]] }
        var lines: [Line] = []
        switch ollama.state {
        case .starting:
            return [[Piece("Ollama: waiting for the first poll…", Style(.dim))]]
        case .down:
            var line = [Piece("No Ollama", Style(.error, [.bold])), Piece(" at \(ollama.baseURL)", Style(.dim))]
            if let reason = ollama.reason { line.append(Piece(": " + reason)) }
            if let retry = ollama.retryInMilliseconds { line.append(Piece(" · retry in \(max(1, (retry + 999) / 1000)) s", Style(.dim))) }
            lines.append(line)
        case .up, .degraded:
            var line = [Piece("Ollama ", Style(.accent, [.bold])), Piece(ollama.version ?? "?", Style(.title, [.bold]))]
            line.append(Piece(" " + ollama.state.rawValue, Style(ollama.state == .up ? .ok : .warn, [.bold])))
            if let latency = ollama.latencyMilliseconds { line.append(Piece(" · \(Self.milliseconds(latency))", Style(.dim))) }
            if ollama.state == .degraded, let reason = ollama.reason { line.append(Piece(": " + reason, Style(.warn))) }
            lines.append(line)
            if ollama.loaded.isEmpty {
                lines.append([Piece("  no model loaded", Style(.dim))])
            } else {
                lines += ollama.loaded.map(loadedLine)
            }
        }
        if !ollama.installed.isEmpty {
            let names = ollama.installed.map { $0.name + ($0.parameterSize.map { " \($0)" } ?? "") }.joined(separator: ", ")
            lines.append([Piece("  installed ", Style(.dim)), Piece(names)])
        }
        if let speed = speedLine(ollama.generations) { lines.append(speed) }
        return lines
    }

    private func loadedLine(_ model: OllamaLoadedModel) -> Line {
        let share = model.gpuShare.map { "\(Int(($0 * 100).rounded()))% GPU" } ?? "? GPU"
        return [
            Piece("  ▶ ", Style(.ok)), Piece(model.name, Style(.text, [.bold])),
            Piece("  " + share, Style(model.gpuShare == 1 ? .ok : .warn)),
            Piece("  " + Self.gibibytes(model.sizeBytes), Style(.dim)),
            Piece("  " + expiry(model.expiresAt), Style(.dim)),
        ]
    }

    /// "unloads in 4m59s", "unloading", "kept loaded" (keep_alive < 0 puts expiry centuries ahead).
    func expiry(_ expiresAt: Timestamp?) -> String {
        guard let expiresAt else { return "kept loaded" }
        let seconds = (expiresAt.milliseconds - now.milliseconds) / 1000
        if seconds <= 0 { return "unloading" }
        if seconds > 30 * 86_400 { return "kept loaded" }
        if seconds >= 3600 { return "unloads in \(seconds / 3600)h\(Self.two(seconds % 3600 / 60))m" }
        if seconds >= 60 { return "unloads in \(seconds / 60)m\(Self.two(seconds % 60))s" }
        return "unloads in \(seconds)s"
    }

    /// The newest generation's tokens/s and the mean of the last five that had counters.
    private func speedLine(_ generations: [OllamaGenerationStat]) -> Line? {
        guard let last = generations.last else { return nil }
        var line = [Piece("  recent ", Style(.dim))]
        if let error = last.error {
            line.append(Piece("\(last.model) failed: \(error)", Style(.error)))
            return line
        }
        let speeds = generations.suffix(5).compactMap(\.tokensPerSecond)
        if let tps = last.tokensPerSecond { line.append(Piece(Self.rate(tps) + " tok/s", Style(.text, [.bold]))) }
        line.append(Piece(" \(last.model) · \(Self.milliseconds(last.latencyMilliseconds))", Style(.dim)))
        if speeds.count > 1 { line.append(Piece(" · avg \(Self.rate(speeds.reduce(0, +) / Double(speeds.count))) tok/s", Style(.dim))) }
        return line
    }

    static func rate(_ value: Double) -> String { "\((value * 10).rounded() / 10)" }

    static func milliseconds(_ value: Double) -> String {
        value >= 1000 ? "\((value / 100).rounded() / 10) s" : "\(Int(value.rounded())) ms"
    }

    static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
