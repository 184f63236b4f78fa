/// Per-unit SNR the way spikes.md defines it for scoring: the median |trough| of the unit's noise-free, filtered
/// waveform on its main channel, over the noise σ (MAD) of that channel in the noisy filtered recording.
///
/// Measured after filtering because that is what the detector sees: a causal order-2 bandpass changes the
/// trough-to-noise ratio by roughly ×1.27 relative to the raw amplitude (spikes.md, Appendix B).
public enum UnitSNR {
    /// - Parameters:
    ///   - cleanFiltered: the noise-free recording after the same filter, frame-major.
    ///   - sigma: per-channel noise σ of the noisy filtered recording.
    ///   - searchWindow: samples either side of the ground-truth time searched for the filtered trough (filter delay).
    public static func measure(
        cleanFiltered: [Float],
        channels: Int,
        spikes: [GroundTruthSpike],
        units: Int,
        sigma: [Float],
        searchWindow: Int = 15
    ) -> [Double] {
        var troughs = [[Float]](repeating: [], count: units)
        let frames = cleanFiltered.count / channels
        for spike in spikes {
            let t = Int(spike.sampleIndex)
            var minimum: Float = 0
            for s in max(0, t - searchWindow)...min(frames - 1, t + searchWindow) {
                minimum = min(minimum, cleanFiltered[s * channels + spike.channel])
            }
            troughs[spike.unit].append(-minimum)
        }
        return troughs.enumerated().map { unit, values in
            guard !values.isEmpty else { return 0 }
            var v = values
            let median = Quickselect.median(&v, count: v.count)
            let channel = spikes.first { $0.unit == unit }?.channel ?? 0
            return sigma[channel] > 0 ? Double(median) / Double(sigma[channel]) : 0
        }
    }
}
