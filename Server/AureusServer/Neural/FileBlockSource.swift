import AureusProtocol
import AureusRecordings

/// A recording file, read block by block by the `AureusRecordings` reader for its format.
final class FileBlockSource: SampleBlockSource {
    private let reader: any RecordingReader
    let channelCount: Int
    let sampleRate: Double

    init(reader: any RecordingReader) {
        self.reader = reader
        channelCount = reader.format.channelCount
        sampleRate = reader.format.sampleRate
    }

    func read(maxFrames: Int, into buffer: inout [Float]) throws -> Int {
        try reader.read(maxFrames: maxFrames, into: &buffer)
    }

    func rewind() throws -> Bool {
        try reader.rewind()
        return true
    }
}

extension NeuralService {
    /// Opens `path` (already confined to the recordings directory) with the reader its
    /// extension names; a bad header is the start call's `invalid_params` error, with the offset.
    func openRecording(at path: String, params: NeuralSourceStartParams) throws -> any SampleBlockSource {
        var layout: RawRecordingLayout?
        if let channels = params.channels, let rate = params.sampleRate {
            layout = RawRecordingLayout(channelCount: channels, sampleRate: rate, microvoltsPerBit: params.microvoltsPerBit ?? 0.195)
        }
        do {
            return FileBlockSource(reader: try RecordingOpener.open(path: path, raw: layout))
        } catch {
            throw RPCError(.invalidParams, reason: "\(error)")
        }
    }
}
