/// An extracellular action-potential shape: a narrow trough followed by a slower positive after-hyperpolarisation,
/// the shape SpikeInterface's `generate_single_fake_waveform` draws, built from two Gaussians.
///
/// The template is sampled 1 ms before to 3 ms after the trough (SpikeInterface's `ms_before`/`ms_after`) and scaled so
/// its trough is exactly −1 at index ``troughIndex``; ground-truth spike times refer to that sample.
public struct SpikeTemplate: Sendable, Equatable {
    public let samples: [Float]
    public let troughIndex: Int

    /// - Parameters:
    ///   - depolarization: trough width (s), SpikeInterface's range is 0.09–0.14 ms.
    ///   - repolarization: time of the after-hyperpolarisation peak (s), SpikeInterface's range 0.5–0.8 ms.
    ///   - afterHyperpolarization: its height relative to the trough.
    public init(sampleRate: Double, depolarization: Double = 0.000_1, repolarization: Double = 0.000_6, afterHyperpolarization: Double = 0.3) {
        let before = Int((0.001 * sampleRate).rounded())
        let after = Int((0.003 * sampleRate).rounded())
        var shape = [Double](repeating: 0, count: before + after + 1)
        for i in shape.indices {
            let t = Double(i - before) / sampleRate
            let trough = -PlatformMath.exp(-0.5 * (t / depolarization) * (t / depolarization))
            let width = repolarization * 0.6
            let ahp = afterHyperpolarization * PlatformMath.exp(-0.5 * ((t - repolarization) / width) * ((t - repolarization) / width))
            shape[i] = trough + ahp
        }
        let minimum = shape.indices.min { shape[$0] < shape[$1] } ?? before
        let scale = -1 / shape[minimum]
        self.samples = shape.map { Float($0 * scale) }
        self.troughIndex = minimum
    }
}
