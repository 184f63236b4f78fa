import AureusProtocol

/// Drawing the spikes pane: header, gutter, raster, rate column, snippet box, footer.
extension SpikesPane {
    /// What the pane says when no neural source runs (the tmux tests assert on it).
    public static let emptyMessage = "no neural source running — start one:"
    public static let startCommand = #"aureus call neural.sources.start '{"kind":"synthetic"}'"#

    public func render(into canvas: inout Canvas, area: Rect, context: PaneRenderContext) {
        let inside = canvas.paneFrame(self, area: area, context: context)
        guard !inside.isEmpty else { return }
        guard hasLoaded || !windows.isEmpty else {
            canvas.centered([("Waiting for the server…", Style(.dim))], in: inside)
            return
        }
        guard let window = shown else {
            renderEmpty(into: &canvas, inside: inside)
            return
        }
        let layout = SpikesLayout(inside: inside, channelCount: window.channelCount)
        canvas.put(TextWidth.truncate(headerText(window), to: inside.width), x: inside.x, y: inside.y, style: Style(.text, [.bold]), clip: inside)
        let top = Self.top(keeping: selectedChannel, from: topChannel, visible: layout.visibleChannels)
        renderRaster(window, top: top, layout: layout, into: &canvas)
        if let box = layout.snippets { renderSnippets(into: &canvas, box: box, theme: context.theme) }
        if let footer = layout.footer {
            canvas.put(
                TextWidth.truncate(footerText(window, top: top, layout: layout), to: footer.width),
                x: footer.x,
                y: footer.y,
                style: Style(.dim),
                clip: footer
            )
        }
    }

    /// "stream synth-1 · 96 ch · 30.0 kHz · 412 spk/s · window 1.0 s", "PAUSED · " first when paused.
    func headerText(_ window: SpikeWindow) -> String {
        var parts = ["stream " + Sanitizer.clean(window.stream)]
        if let source, source.state != .running { parts[0] += " (\(source.state.rawValue))" }
        parts.append("\(window.channelCount) ch")
        parts.append(Self.rateLabel(window.sampleRate))
        if !window.rates.isEmpty { parts.append("\(Int(window.rates.reduce(0, +).rounded())) spk/s") }
        parts.append("window " + RasterZoom.label(windowSeconds))
        return (isPaused ? "PAUSED · " : "") + parts.joined(separator: " · ")
    }

    /// "▶ ch 17 · 23.4 Hz · ch 0–71 of 96 · rate = max of 4 ch/row", plus omitted spikes.
    func footerText(_ window: SpikeWindow, top: Int, layout: SpikesLayout) -> String {
        let rate = selectedRate.map { Self.oneDecimal(Double($0)) + " Hz" } ?? "– Hz"
        let last = min(window.channelCount, top + layout.visibleChannels) - 1
        var text = "▶ ch \(selectedChannel) · \(rate) · ch \(top)–\(max(top, last)) of \(window.channelCount) · rate = max of 4 ch/row"
        if window.omitted > 0 { text += " · \(RateFormat.count(Int64(window.omitted))) omitted" }
        return text
    }

    private func renderEmpty(into canvas: inout Canvas, inside: Rect) {
        let stopped = sources.filter { $0.state != .running }.count
        let first = Self.emptyMessage + (stopped > 0 ? " (\(stopped) stopped)" : "")
        let oneLine = first + " " + Self.startCommand
        let lines: [(String, Style)] =
            TextWidth.width(of: oneLine) <= inside.width
            ? [(oneLine, Style(.text))] : [(first, Style(.text)), (Self.startCommand, Style(.accent))]
        canvas.centered(lines, in: inside)
    }

    /// The raster proper: one pass over the spikes in the window into a braille grid, then one
    /// pass over the cells; plus the gutter and the rate column per row.
    private func renderRaster(_ window: SpikeWindow, top: Int, layout: SpikesLayout, into canvas: inout Canvas) {
        let area = layout.raster
        guard !area.isEmpty else { return }
        var grid = BrailleRaster(columns: area.width, rows: area.height)
        let windowSamples = max(1, SpikeWindow.samples(windowSeconds, at: window.sampleRate))
        let end = window.endSample
        let start = end - windowSamples
        let dots = Int64(layout.dotColumns)
        let bottom = top + layout.visibleChannels
        for mark in window.marks(from: start, to: end) {
            let channel = Int(mark.channel)
            guard channel >= top, channel < bottom else { continue }
            grid.set(dotX: Int((mark.sample - start) * dots / windowSamples), dotY: channel - top)
        }
        let digits = layout.gutter.width - 2
        for row in 0..<area.height {
            let y = area.y + row
            let first = top + row * 4
            guard first < window.channelCount else { break }
            let selected = selectedChannel >= first && selectedChannel < first + 4
            if selected {
                canvas.put("▶" + Self.padded(selectedChannel, digits), x: layout.gutter.x, y: y, style: Style(.accent, [.bold]), clip: layout.gutter)
            } else if row % 2 == 0 {
                canvas.put(" " + Self.padded(first, digits), x: layout.gutter.x, y: y, style: Style(.dim), clip: layout.gutter)
            }
            let dotStyle = selected ? Style(.accent) : Style(.text)
            for column in 0..<area.width where grid.cellBits(column: column, row: row) != 0 {
                canvas.put(String(grid.character(column: column, row: row)), x: area.x + column, y: y, style: dotStyle, clip: area)
            }
            if let rate = maxRate(window.rates, channels: first..<min(first + 4, window.channelCount)) {
                canvas.put(String(HeatScale.glyph(rate)), x: layout.rates.x, y: y, style: Style(HeatScale.role(rate)), clip: layout.rates)
            }
        }
    }

    /// The fastest of `channels` (nil before rates arrive): max, not mean, so one busy unit
    /// among four quiet channels still shows.
    private func maxRate(_ rates: [Float], channels: Range<Int>) -> Float? {
        guard channels.lowerBound < rates.count else { return nil }
        return rates[channels.lowerBound..<min(channels.upperBound, rates.count)].max()
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// "30.0 kHz", "500 Hz".
    static func rateLabel(_ hertz: Double) -> String {
        hertz >= 1000 ? oneDecimal(hertz / 1000) + " kHz" : "\(Int(hertz.rounded())) Hz"
    }

    /// One decimal, always shown ("23.0", "0.4").
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((abs(value) * 10).rounded())
        return (value < 0 && tenths > 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
    }
}
