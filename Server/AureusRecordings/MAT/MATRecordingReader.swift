import Synchronization

/// Replays one MAT variable held in memory, converting a block at a time to microvolts.
///
/// MAT data is column-major, so channels × samples is already frame-major interleaved and is
/// decoded in one run, while samples × channels is decoded one strided run per channel.
final class MATRecordingReader: RecordingReader {
    let format: RecordingFormat
    private let bytes: [UInt8]
    private let dataStart: Int
    private let encoding: SampleEncoding
    private let frames: Int
    /// True when the matrix is samples × channels (each channel's samples contiguous).
    private let planar: Bool
    private let position = Mutex(0)

    /// - Important: `variable.isSignal` must be true.
    init(variable: MATVariable, sampleRate: Double, microvoltsPerUnit: Double) {
        let rows = variable.dimensions.first ?? 1
        let columns = variable.elementCount / max(rows, 1)
        planar = rows > columns
        let channels = planar ? columns : rows
        frames = planar ? rows : columns
        bytes = variable.buffer.view.bytes
        dataStart = variable.real?.dataStart ?? 0
        let bigEndian = variable.buffer.view.bigEndian
        encoding = variable.real?.encoding(bigEndian: bigEndian) ?? SampleEncoding(.float, width: 8, bigEndian: bigEndian)
        format = RecordingFormat(
            channelCount: channels,
            sampleRate: sampleRate,
            frameCount: Int64(frames),
            microvoltsPerUnit: microvoltsPerUnit,
            encoding: encoding.name
        )
    }

    func read(maxFrames: Int, into buffer: inout [Float]) throws(RecordingError) -> Int {
        position.withLock { position in
            let count = min(max(maxFrames, 0), frames - position)
            let channels = format.channelCount
            buffer.resizeKeepingCapacity(to: count * channels)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes { raw in
                let data = UnsafeRawBufferPointer(rebasing: raw[dataStart...])
                buffer.withUnsafeMutableBufferPointer { out in
                    if planar {
                        for channel in 0..<channels {
                            encoding.decode(
                                data,
                                first: channel * frames + position,
                                count: count,
                                scale: format.microvoltsPerUnit,
                                into: out,
                                start: channel,
                                stride: channels
                            )
                        }
                    } else {
                        encoding.decode(
                            data,
                            first: position * channels,
                            count: count * channels,
                            scale: format.microvoltsPerUnit,
                            into: out,
                            start: 0,
                            stride: 1
                        )
                    }
                }
            }
            position += count
            return count
        }
    }

    func rewind() throws(RecordingError) {
        position.withLock { $0 = 0 }
    }
}
