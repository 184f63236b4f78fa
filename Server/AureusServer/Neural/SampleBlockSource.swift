/// Where a neural source's samples come from: the generator, a recording file or a live
/// device. The run loop owns it on its own thread, so implementations need no locking of
/// their own (the live source, fed from WebSocket tasks, is the exception and says so).
protocol SampleBlockSource: AnyObject {
    var channelCount: Int { get }
    var sampleRate: Double { get }
    /// Reads up to `maxFrames` frames of µV, frame-major, into the front of `buffer` (growing
    /// it when needed); returns the frames read, 0 at the end. Live sources wait for data.
    func read(maxFrames: Int, into buffer: inout [Float]) throws -> Int
    /// Starts again from the first frame; false when the source cannot (live streams).
    func rewind() throws -> Bool
    /// Wakes a `read` that is waiting, so a stop request is seen at once.
    func interrupt()
}

extension SampleBlockSource {
    func interrupt() {}
}

/// Ground-truth recordings from `SyntheticRecording`, generated once at start and replayed
/// from memory.
final class SyntheticBlockSource: SampleBlockSource {
    let samples: [Float]
    let channelCount: Int
    let sampleRate: Double
    private var position = 0

    init(samples: [Float], channelCount: Int, sampleRate: Double) {
        self.samples = samples
        self.channelCount = channelCount
        self.sampleRate = sampleRate
    }

    func read(maxFrames: Int, into buffer: inout [Float]) throws -> Int {
        let frames = min(maxFrames, (samples.count - position) / channelCount)
        guard frames > 0 else { return 0 }
        let count = frames * channelCount
        if buffer.count < count { buffer = Array(repeating: 0, count: count) }
        buffer.withUnsafeMutableBufferPointer { out in
            samples.withUnsafeBufferPointer { all in
                _ = out.baseAddress!.update(from: all.baseAddress! + position, count: count)
            }
        }
        position += count
        return frames
    }

    func rewind() throws -> Bool {
        position = 0
        return true
    }
}
