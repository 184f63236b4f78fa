/// Opens headerless interleaved little-endian int16 (Open Ephys `continuous.dat`, Intan
/// `amplifier.dat`): frame after frame of `channelCount` samples.
enum RawRecording {
    static func open(path: String, layout: RawRecordingLayout) throws(RecordingError) -> StreamingRecordingReader {
        guard layout.channelCount >= 1, layout.channelCount <= 65_535 else {
            throw RecordingError(path: path, offset: nil, reason: "raw layout has \(layout.channelCount) channels; need 1...65535")
        }
        guard layout.sampleRate.isFinite, layout.sampleRate > 0 else {
            throw RecordingError(path: path, offset: nil, reason: "raw layout sample rate \(layout.sampleRate) is not a positive number")
        }
        guard layout.microvoltsPerBit.isFinite, layout.microvoltsPerBit != 0 else {
            throw RecordingError(path: path, offset: nil, reason: "raw layout scale \(layout.microvoltsPerBit) µV per bit is not usable")
        }
        let file = try RecordingFile(path: path)
        let frameBytes = Int64(layout.channelCount * 2)
        let frames = file.size / frameBytes
        let partial = file.size % frameBytes
        let endError =
            partial == 0
            ? nil
            : file.error(
                "the file ends inside a frame (\(partial) of \(frameBytes) bytes; \(layout.channelCount) channels × int16)",
                at: frames * frameBytes
            )
        let format = RecordingFormat(
            channelCount: layout.channelCount,
            sampleRate: layout.sampleRate,
            frameCount: frames,
            microvoltsPerUnit: layout.microvoltsPerBit,
            encoding: "int16"
        )
        return StreamingRecordingReader(
            file: file,
            format: format,
            encoding: SampleEncoding(.signed, width: 2),
            dataOffset: 0,
            wholeFrames: frames,
            endError: endError
        )
    }
}
