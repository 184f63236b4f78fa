/// What a headerless `.dat`/`.raw`/`.bin` file cannot say about itself.
///
/// Open Ephys and Intan write interleaved little-endian int16 with no header, so channel count,
/// rate and scale come from the caller (or the acquisition system's sidecar file).
public struct RawRecordingLayout: Sendable, Hashable {
    public var channelCount: Int
    public var sampleRate: Double
    /// Microvolts per stored count; 0.195 is Intan's amplifier step, which Open Ephys also uses.
    public var microvoltsPerBit: Double

    public init(channelCount: Int, sampleRate: Double, microvoltsPerBit: Double = 0.195) {
        self.channelCount = channelCount
        self.sampleRate = sampleRate
        self.microvoltsPerBit = microvoltsPerBit
    }
}
