import Synchronization

/// Reads interleaved frames straight from disk in blocks: the reader behind WAV and raw files.
///
/// Only one block of bytes is held at a time, so a recording of many GiB replays in constant
/// memory. A data region that ends inside a frame or before its declared end (a truncated
/// copy) still yields every whole frame; the read after the last one throws `endError`.
final class StreamingRecordingReader: RecordingReader {
    let format: RecordingFormat
    private let file: RecordingFile
    private let encoding: SampleEncoding
    private let dataOffset: Int64
    private let wholeFrames: Int64
    private let endError: RecordingError?
    private let state = Mutex(State())

    /// The most bytes one `read` fetches, whatever `maxFrames` asks: one block stays small
    /// even when a caller asks for "everything" of a many-GiB file.
    static let maximumBlockBytes = 64 << 20

    private struct State {
        var frame: Int64 = 0
        var scratch: [UInt8] = []
    }

    /// - Parameters:
    ///   - wholeFrames: frames fully present in the file from `dataOffset` on.
    ///   - endError: thrown once those frames are delivered, when the data is damaged after them.
    init(file: RecordingFile, format: RecordingFormat, encoding: SampleEncoding, dataOffset: Int64, wholeFrames: Int64, endError: RecordingError?) {
        self.file = file
        self.format = format
        self.encoding = encoding
        self.dataOffset = dataOffset
        self.wholeFrames = wholeFrames
        self.endError = endError
    }

    func read(maxFrames: Int, into buffer: inout [Float]) throws(RecordingError) -> Int {
        try state.withLock { (state) throws(RecordingError) -> Int in
            let channels = format.channelCount
            let frameBytes = channels * encoding.width
            let blockFrames = max(1, Self.maximumBlockBytes / frameBytes)
            let frames = Int(min(Int64(min(max(maxFrames, 0), blockFrames)), wholeFrames - state.frame))
            guard frames > 0 else {
                buffer.resizeKeepingCapacity(to: 0)
                if let endError, maxFrames > 0 { throw endError }
                return 0
            }
            let byteCount = frames * frameBytes
            if state.scratch.count < byteCount { state.scratch = [UInt8](repeating: 0, count: byteCount) }
            let offset = dataOffset + state.frame * Int64(frameBytes)
            let got = try file.read(into: &state.scratch, range: 0..<byteCount, at: offset)
            // The file shrank since it was opened: keep the whole frames that arrived.
            let delivered = got / frameBytes
            buffer.resizeKeepingCapacity(to: delivered * channels)
            state.scratch.withUnsafeBytes { raw in
                buffer.withUnsafeMutableBufferPointer { out in
                    encoding.decode(raw, first: 0, count: delivered * channels, scale: format.microvoltsPerUnit, into: out, start: 0, stride: 1)
                }
            }
            state.frame += Int64(delivered)
            if delivered == 0 { throw file.error("the file ended early (it shrank after opening)", at: offset) }
            return delivered
        }
    }

    func rewind() throws(RecordingError) {
        state.withLock { $0.frame = 0 }
    }
}
