/// What a recording holds, as its reader found it in the file.
///
/// Readers always hand out microvolts; `microvoltsPerUnit` and `encoding` say how they got there,
/// so a UI can show "int16 × 0.195 µV" next to the stream.
public struct RecordingFormat: Sendable, Hashable {
    public var channelCount: Int
    public var sampleRate: Double
    /// Frames (samples per channel) in the file; nil when unknown.
    ///
    /// For a truncated file this counts the whole frames actually present, not what the header
    /// promised.
    public var frameCount: Int64?
    /// Multiply a stored sample by this to get microvolts.
    public var microvoltsPerUnit: Double
    /// "int16", "int24", "float32", "float64", ... (what the file stores)
    public var encoding: String

    public init(channelCount: Int, sampleRate: Double, frameCount: Int64?, microvoltsPerUnit: Double, encoding: String) {
        self.channelCount = channelCount
        self.sampleRate = sampleRate
        self.frameCount = frameCount
        self.microvoltsPerUnit = microvoltsPerUnit
        self.encoding = encoding
    }
}
