/// The one entry point: opens a recording file with the reader its extension names.
///
/// | extension | reader | scale |
/// |---|---|---|
/// | `.wav` | RIFF/RF64, PCM int16/int24/int32, float32/float64, EXTENSIBLE | 1 unit = 1 µV unless `microvoltsPerUnit` |
/// | `.mat` | MAT-file Level 5, compressed or not | 1 unit = 1 µV unless `microvoltsPerUnit` |
/// | `.dat`, `.raw`, `.bin` | interleaved int16, layout from `raw` | `raw.microvoltsPerBit` (default 0.195) |
///
/// ```swift
/// let reader = try RecordingOpener.open(path: "amplifier.dat", raw: RawRecordingLayout(channelCount: 32, sampleRate: 30_000))
/// ```
public enum RecordingOpener {
    /// Picks the reader by extension (.wav, .mat, .dat/.raw/.bin); raw needs `raw` layout.
    ///
    /// - Parameters:
    ///   - raw: channel count, rate and scale of a headerless file; ignored for WAV and MAT.
    ///   - microvoltsPerUnit: overrides the scale of WAV and MAT samples, which carry no unit.
    ///   - sampleRate: overrides a MAT file's rate variable, or supplies one it lacks.
    /// - Throws: `RecordingError` for a missing or unreadable file, an unknown extension, a raw
    ///   file without a layout, or a malformed header, naming the byte offset where known.
    public static func open(
        path: String,
        raw: RawRecordingLayout?,
        microvoltsPerUnit: Double? = nil,
        sampleRate: Double? = nil
    ) throws(RecordingError) -> any RecordingReader {
        let name = path.split(separator: "/").last ?? ""
        let suffix = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last?.lowercased() ?? ""
        switch suffix {
        case "wav":
            return try WAVRecording.open(path: path, microvoltsPerUnit: microvoltsPerUnit)
        case "mat":
            return try MATRecording.open(path: path, sampleRate: sampleRate, microvoltsPerUnit: microvoltsPerUnit)
        case "dat", "raw", "bin":
            guard let raw else {
                throw RecordingError(
                    path: path,
                    offset: nil,
                    reason: "a raw .\(suffix) file has no header: give its channel count, sample rate and µV per bit"
                )
            }
            return try RawRecording.open(path: path, layout: raw)
        default:
            let what = suffix.isEmpty ? "no extension" : "extension '.\(suffix)'"
            throw RecordingError(path: path, offset: nil, reason: "\(what) is not a known recording format; use .wav, .mat, .dat, .raw or .bin")
        }
    }
}
