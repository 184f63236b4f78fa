import AureusRecordings

/// Everything a reader yields in blocks of `block` frames, and the error that ended it, if any.
struct Drained {
    var samples: [Float] = []
    var frames = 0
    var error: RecordingError?
    /// Blocks whose buffer length did not equal frames read × channels.
    var badBuffers = 0

    init(_ reader: any RecordingReader, block: Int) {
        var buffer: [Float] = []
        do {
            while true {
                let count = try reader.read(maxFrames: block, into: &buffer)
                guard count > 0 else { break }
                if buffer.count != count * reader.format.channelCount { badBuffers += 1 }
                samples += buffer
                frames += count
            }
        } catch {
            self.error = error
        }
    }
}
