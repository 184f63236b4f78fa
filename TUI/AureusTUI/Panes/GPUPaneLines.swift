import AureusProtocol

/// The GPU pane's text, line by line, as styled pieces: a pure function of the two snapshots,
/// the clock and the width, so the layout rules are testable without a canvas.
///
/// Full layout per GPU: a header, four gauge lines (value, bar, sparkline) and up to three
/// processes. When that does not fit, one summary line per GPU. The Ollama section always
/// keeps its header line, so "Ollama down" is never cut off by a tall GPU list.
struct GPUPaneLines {
    struct Piece: Hashable {
        var text: String
        var style: Style
        init(_ text: String, _ style: Style = Style(.text)) {
            self.text = text
            self.style = style
        }
    }

    typealias Line = [Piece]

    let gpu: GPUSnapshot?
    let ollama: OllamaSnapshot?
    let now: Timestamp
    let width: Int

    func lines(maxLines: Int) -> [Line] {
        guard maxLines > 0 else { return [] }
        let ollamaLines = ollamaSection()
        let keepOllama = min(ollamaLines.count, max(1, maxLines / 3))
        var gpuLines = gpuSection(full: true)
        if gpuLines.count + ollamaLines.count > maxLines { gpuLines = gpuSection(full: false) }
        let gpuBudget = max(0, maxLines - min(ollamaLines.count, max(keepOllama, maxLines - gpuLines.count)))
        return Array((Array(gpuLines.prefix(gpuBudget)) + ollamaLines).prefix(maxLines))
    }

    // MARK: GPU

    func gpuSection(full: Bool) -> [Line] {
        guard let gpu else { return [[Piece("GPU: waiting for the first poll…", Style(.dim))]] }
        switch gpu.state {
        case .starting: return [[Piece("GPU: waiting for the first poll…", Style(.dim))]]
        case .noDriver: return [[Piece("No NVIDIA GPU", Style(.warn, [.bold])), Piece(" — " + (gpu.reason ?? "no NVIDIA driver"), Style(.dim))]]
        case .error: return [[Piece("GPU telemetry failed", Style(.error, [.bold])), Piece(": " + (gpu.reason ?? "unknown error"), Style(.text))]]
        case .ok: break
        }
        guard !gpu.gpus.isEmpty else { return [[Piece("NVIDIA driver found, but no GPUs", Style(.warn))]] }
        var lines: [Line] = []
        for device in gpu.gpus {
            if full {
                lines.append(header(device, source: gpu.source))
                lines += gauges(device)
                lines += device.processes.prefix(3).map(processLine)
                if device.processes.count > 3 { lines.append([Piece("  … \(device.processes.count - 3) more processes", Style(.dim))]) }
            } else {
                lines.append(summary(device))
            }
        }
        return lines
    }

    private func header(_ device: GPUDevice, source: String?) -> Line {
        var line = [Piece("GPU \(device.index) ", Style(.accent, [.bold])), Piece(device.name, Style(.title, [.bold]))]
        line.append(Piece("  fan " + (device.fanPercent.map { "\($0)%" } ?? "n/a") + (source.map { " · \($0)" } ?? ""), Style(.dim)))
        return line
    }

    private func summary(_ device: GPUDevice) -> Line {
        let parts = [
            device.utilizationPercent.map { "\($0)%" } ?? "n/a",
            memoryText(device),
            device.temperatureCelsius.map { "\($0)°C" } ?? "n/a",
            device.powerWatts.map { "\(Int($0.rounded())) W" } ?? "n/a",
        ]
        return [
            Piece("GPU \(device.index) ", Style(.accent, [.bold])), Piece(device.name + "  ", Style(.title)), Piece(parts.joined(separator: " · ")),
        ]
    }

    /// util / mem / temp / power: label, value, bar, sparkline.
    private func gauges(_ device: GPUDevice) -> [Line] {
        let powerTop = device.powerLimitWatts ?? device.history.powerWatts.compactMap { $0 }.max()
        let power: String = {
            guard let watts = device.powerWatts else { return "n/a" }
            return "\(Int(watts.rounded()))" + (device.powerLimitWatts.map { "/\(Int($0.rounded()))" } ?? "") + " W"
        }()
        return [
            gauge(
                "util",
                device.utilizationPercent.map { "\($0)%" } ?? "n/a",
                fraction(device.utilizationPercent.map(Double.init), 100),
                device.history.utilizationPercent,
                maximum: 100,
                level: nil
            ),
            gauge("mem", memoryText(device), fraction(device.memoryPercent, 100), device.history.memoryPercent, maximum: 100, level: nil),
            gauge(
                "temp",
                device.temperatureCelsius.map { "\($0)°C" } ?? "n/a",
                fraction(device.temperatureCelsius.map(Double.init), 100),
                device.history.temperatureCelsius,
                maximum: 100,
                level: device.temperatureCelsius.map { $0 >= 90 ? .error : $0 >= 80 ? .warn : .ok }
            ),
            gauge("pwr", power, fraction(device.powerWatts, powerTop), device.history.powerWatts, maximum: powerTop, level: nil),
        ]
    }

    private func gauge(_ label: String, _ value: String, _ filled: Double?, _ history: [Double?], maximum: Double?, level: ThemeRole?) -> Line {
        let barWidth = width >= 48 ? 10 : width >= 36 ? 6 : 0
        let valueWidth = 14
        let sparkCells = max(0, min(60, width - 6 - valueWidth - barWidth - 2))
        var line = [Piece(TextWidth.fit(" " + label, to: 6), Style(.dim)), Piece(TextWidth.fit(value, to: valueWidth), Style(level ?? .text))]
        if barWidth > 0 {
            let cells = filled.map { Int(($0 * Double(barWidth)).rounded()) } ?? 0
            line.append(Piece(String(repeating: "█", count: cells), Style(level ?? .accent)))
            line.append(Piece(String(repeating: "░", count: barWidth - cells) + " ", Style(.dim)))
        }
        if sparkCells >= 4, !history.isEmpty {
            line.append(Piece(Sparkline.braille(Array(history.suffix(sparkCells * 2)), maximum: maximum), Style(.accent)))
        }
        return line
    }

    private func processLine(_ process: GPUProcess) -> Line {
        let memory = process.memoryBytes.map(Self.gibibytes) ?? "n/a"
        return [Piece("  pid \(process.pid) ", Style(.dim)), Piece(process.name, Style(.text)), Piece("  " + memory, Style(.dim))]
    }

    private func memoryText(_ device: GPUDevice) -> String {
        guard let used = device.memoryUsedBytes, let total = device.memoryTotalBytes else { return "n/a" }
        return Self.gibibytes(used).replacingSuffix(" GiB") + "/" + Self.gibibytes(total)
    }

    private func fraction(_ value: Double?, _ maximum: Double?) -> Double? {
        guard let value, let maximum, maximum > 0 else { return nil }
        return min(1, max(0, value / maximum))
    }

    /// "19.4 GiB", "512 MiB".
    static func gibibytes(_ bytes: Int64) -> String {
        let gib = Double(bytes) / 1_073_741_824
        if gib >= 1 { return (gib >= 100 ? "\(Int(gib.rounded()))" : "\((gib * 10).rounded() / 10)") + " GiB" }
        return "\(Int((Double(bytes) / 1_048_576).rounded())) MiB"
    }
}

extension String {
    /// Drops `suffix` when present ("19.4 GiB" → "19.4").
    fileprivate func replacingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
