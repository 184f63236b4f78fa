import Foundation

/// Writes 16-bit PCM WAV files for tests that replay recordings (1 unit = 1 µV, what the
/// reader assumes for WAV). `truncateDataBy` cuts bytes off the end while the header still
/// claims the full data chunk, the way an interrupted copy leaves a file.
public enum WAVWriter {
    public static func write(_ samples: [Float], channels: Int, sampleRate: Int, to path: String, truncateDataBy cut: Int = 0) throws {
        var bytes: [UInt8] = []
        func le(_ value: Int, _ size: Int) { for index in 0..<size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) } }
        let dataBytes = samples.count * 2
        bytes += Array("RIFF".utf8)
        le(36 + dataBytes, 4)
        bytes += Array("WAVEfmt ".utf8)
        le(16, 4)
        le(1, 2)
        le(channels, 2)
        le(sampleRate, 4)
        le(sampleRate * channels * 2, 4)
        le(channels * 2, 2)
        le(16, 2)
        bytes += Array("data".utf8)
        le(dataBytes, 4)
        for sample in samples { le(Int(Int16(max(-32768, min(32767, sample.rounded())))), 2) }
        try Data(bytes.dropLast(cut)).write(to: URL(fileURLWithPath: path))
    }
}
