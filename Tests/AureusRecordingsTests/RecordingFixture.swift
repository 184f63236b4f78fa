import AureusRecordings
import Foundation

/// One committed fixture file and what its reader must report, sample by sample.
///
/// Fixtures/make_fixtures.py writes every sample as `value(frame, channel)` times a per-file
/// scale, so the expected microvolts are recomputed here instead of stored.
struct RecordingFixture: Sendable, CustomStringConvertible {
    let name: String
    let channels: Int
    let frames: Int
    let sampleRate: Double
    let encoding: String
    /// Microvolts the reader must produce for a stored `value(frame, channel)`.
    let expected: @Sendable (Int) -> Float
    var raw: RawRecordingLayout? = nil

    var description: String { name }
    var path: String { Self.directory + name }

    /// Same formula as `value` in make_fixtures.py: -1000...1000, different for neighbours.
    static func value(_ frame: Int, _ channel: Int) -> Int { (frame * 37 + channel * 1009) % 2001 - 1000 }

    func expectedSample(frame: Int, channel: Int) -> Float { expected(Self.value(frame, channel)) }

    static let directory: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path + "/"

    static let all: [RecordingFixture] =
        wav + mat + [
            RecordingFixture(
                name: "raw_int16_6ch.dat",
                channels: 6,
                frames: 1000,
                sampleRate: 30_000,
                encoding: "int16",
                expected: { Float(Double($0) * 0.195) },
                raw: RawRecordingLayout(channelCount: 6, sampleRate: 30_000)
            )
        ]

    static let wav: [RecordingFixture] = [
        RecordingFixture(name: "int16_mono.wav", channels: 1, frames: 2000, sampleRate: 24_000, encoding: "int16", expected: { Float($0) }),
        RecordingFixture(name: "int16_2ch.wav", channels: 2, frames: 1500, sampleRate: 30_000, encoding: "int16", expected: { Float($0) }),
        RecordingFixture(name: "int24_3ch.wav", channels: 3, frames: 1000, sampleRate: 20_000, encoding: "int24", expected: { Float($0 * 4001) }),
        RecordingFixture(name: "float32_2ch.wav", channels: 2, frames: 1000, sampleRate: 44_100, encoding: "float32", expected: { Float($0) / 4 }),
        RecordingFixture(
            name: "int32_2ch.wav",
            channels: 2,
            frames: 500,
            sampleRate: 8000,
            encoding: "int32",
            expected: { Float($0 * 2_000_000) }
        ),
        RecordingFixture(
            name: "float64_mono.wav",
            channels: 1,
            frames: 400,
            sampleRate: 1000,
            encoding: "float64",
            expected: { Float(Double($0) / 3) }
        ),
        RecordingFixture(
            name: "extensible_int24_5ch.wav",
            channels: 5,
            frames: 600,
            sampleRate: 30_000,
            encoding: "int24",
            expected: { Float($0 * 4001) }
        ),
        RecordingFixture(
            name: "extensible_float32_3ch.wav",
            channels: 3,
            frames: 500,
            sampleRate: 32_000,
            encoding: "float32",
            expected: { Float($0) / 4 }
        ),
        RecordingFixture(name: "rf64_int16_4ch.wav", channels: 4, frames: 400, sampleRate: 20_000, encoding: "int16", expected: { Float($0) }),
        RecordingFixture(name: "list_odd_chunk.wav", channels: 2, frames: 300, sampleRate: 16_000, encoding: "int16", expected: { Float($0) }),
    ]

    static let mat: [RecordingFixture] = [
        RecordingFixture(
            name: "double_4x1500.mat",
            channels: 4,
            frames: 1500,
            sampleRate: 30_000,
            encoding: "float64",
            expected: { Float(Double($0) / 7) }
        ),
        RecordingFixture(
            name: "double_1500x4_compressed.mat",
            channels: 4,
            frames: 1500,
            sampleRate: 20_000,
            encoding: "float64",
            expected: { Float(Double($0) / 7) }
        ),
        RecordingFixture(name: "single_2x1000.mat", channels: 2, frames: 1000, sampleRate: 10_000, encoding: "float32", expected: { Float($0) / 4 }),
        RecordingFixture(name: "int16_3x800.mat", channels: 3, frames: 800, sampleRate: 2500, encoding: "int16", expected: { Float($0) }),
        RecordingFixture(name: "int16_800x3_compressed.mat", channels: 3, frames: 800, sampleRate: 2500, encoding: "int16", expected: { Float($0) }),
        RecordingFixture(
            name: "quiroga.mat",
            channels: 1,
            frames: 2400,
            sampleRate: 24_000,
            encoding: "float64",
            expected: { Float(Double($0) / 13) }
        ),
        RecordingFixture(name: "narrow_types.mat", channels: 2, frames: 700, sampleRate: 25_000, encoding: "int16", expected: { Float($0) }),
        RecordingFixture(
            name: "big_endian.mat",
            channels: 3,
            frames: 600,
            sampleRate: 16_000,
            encoding: "float64",
            expected: { Float(Double($0) / 8) }
        ),
    ]

    func open() throws -> any RecordingReader { try RecordingOpener.open(path: path, raw: raw) }
}
