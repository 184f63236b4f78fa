/// A recording opened for replay: its format, then blocks of microvolt samples.
///
/// Readers are classes because they own a file and a position. They are `Sendable`: state sits
/// behind a `Mutex`, so a reader can move into the task that replays it, but calls from several
/// tasks at once would interleave their blocks, so give each reader one consumer.
///
/// ```swift
/// let reader = try RecordingOpener.open(path: "C_Easy1_noise005.mat", raw: nil)
/// var block: [Float] = []
/// while try reader.read(maxFrames: 4096, into: &block) > 0 { detector.process(block) }
/// ```
public protocol RecordingReader: AnyObject, Sendable {
    var format: RecordingFormat { get }
    /// Reads up to maxFrames frames as frame-major interleaved Float in MICROVOLTS into buffer;
    /// returns frames read, 0 at end of data.
    ///
    /// On return `buffer.count == frames * format.channelCount`; once its capacity suffices no
    /// call allocates.
    ///
    /// - Throws: `RecordingError` when the file is damaged past the last whole frame delivered
    ///   (a truncated data chunk, a partial final frame), naming the offset where data ends; a
    ///   later call throws the same error again until `rewind()`.
    func read(maxFrames: Int, into buffer: inout [Float]) throws(RecordingError) -> Int
    /// Back to the first frame (for looping replay).
    func rewind() throws(RecordingError)
}
