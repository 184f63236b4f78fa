/// One detected spike: where, when (aligned to the waveform's extremum), and how large.
public struct SpikeEvent: Sendable, Equatable, Hashable {
    /// Channel index in the stream (0-based).
    public var channel: Int
    /// Sample (frame) index since the start of the stream, of the aligned extremum.
    public var sampleIndex: Int64
    /// Filtered amplitude at the extremum (negative for a trough), in the stream's units.
    public var amplitude: Float

    public init(channel: Int, sampleIndex: Int64, amplitude: Float) {
        self.channel = channel
        self.sampleIndex = sampleIndex
        self.amplitude = amplitude
    }

    /// Seconds since the start of the stream at `sampleRate`.
    public func time(sampleRate: Double) -> Double { Double(sampleIndex) / sampleRate }
}

/// Which threshold crossings count: troughs (the extracellular convention), peaks, or either.
public enum SpikePolarity: String, Sendable, CaseIterable {
    case negative
    case positive
    case both
}
