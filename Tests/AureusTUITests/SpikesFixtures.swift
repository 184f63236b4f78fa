import AureusProtocol
import Foundation
import Testing

@testable import AureusTUI

/// Spike frames, sources and models for the raster tests: a 96-channel, 30 kHz synthetic
/// stream whose spikes sit at hand-picked (channel, sample) points.
enum SpikesFixtures {
    static let stream = "synth-1"
    static let detected = Timestamp(milliseconds: 1_795_291_200_000)

    static func source(_ id: String = stream, state: NeuralSourceState = .running, channels: Int = 96) -> NeuralSourceInfo {
        NeuralSourceInfo(
            id: id,
            name: "synthetic",
            kind: .synthetic,
            state: state,
            channelCount: channels,
            sampleRate: 30_000,
            speed: 1,
            loop: true,
            samplesProcessed: 30_000,
            spikesDetected: 5,
            detectorThroughput: 2.9e6,
            startedAt: detected,
            startedBy: "alice"
        )
    }

    static func frame(
        _ id: String = stream,
        from: Int64 = 0,
        to: Int64 = 30_000,
        spikes: [(Int, Int64)],
        rates: [Float]? = nil,
        omitted: Int = 0
    ) -> SpikesFrame {
        SpikesFrame(
            stream: id,
            time: detected.adding(milliseconds: from / 30),
            sampleRate: 30_000,
            channelCount: 96,
            fromSample: from,
            toSample: to,
            spikes: spikes.map { SpikeMark(channel: $0.0, sample: $0.1, amplitude: -80) },
            omitted: omitted,
            rates: rates
        )
    }

    /// ch 0: 2 Hz (▃, low), ch 5: 40 Hz (▇, high), ch 8–11: 10 Hz (▅, mid); 82 spk/s in all.
    static let rates: [Float] = (0..<96).map { channel in
        switch channel {
        case 0: 2
        case 5: 40
        case 8...11: 10
        default: 0
        }
    }

    /// Spikes in sample order: ch 0 and 1 at sample 0, ch 95 near the start, ch 5 mid-window,
    /// ch 3 at the last sample.
    static let spikes: [(Int, Int64)] = [(0, 0), (1, 0), (95, 100), (5, 15_000), (3, 29_999)]

    static func snapshot(
        sources: [NeuralSourceInfo] = [source()],
        frame: SpikesFrame? = SpikesFixtures.frame(spikes: SpikesFixtures.spikes, rates: SpikesFixtures.rates)
    ) throws -> JSONValue {
        try JSONValue(encoding: SpikesSnapshot(sources: sources, frame: frame))
    }

    /// Connected, the spikes pane focused (and zoomed when asked), the default snapshot answered.
    static func model(
        size: TerminalSize = TerminalSize(width: 80, height: 24),
        zoomed: Bool = true,
        snapshot: JSONValue? = nil
    ) throws -> AppModel {
        var model = try Fixtures.connectedModel(events: 0, size: size)
        _ = model.handle(.char("5"))
        if zoomed { _ = model.handle(.char("z")) }
        model.apply(.rpcResult(method: "spikes.snapshot", params: ["seconds": 10.0], result: try snapshot ?? Self.snapshot()))
        return model
    }

    static func render(_ model: AppModel, theme: String = "default") throws -> Canvas {
        try Screen(model: model, theme: Fixtures.theme(theme)).render(size: model.size)
    }

    /// `count` cells of row `y` from column `x`.
    static func text(_ canvas: Canvas, x: Int, y: Int, count: Int) -> String {
        String(canvas.row(at: y).dropFirst(x).prefix(count))
    }
}
