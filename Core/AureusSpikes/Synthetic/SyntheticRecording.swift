/// A deterministic multichannel recording with known spike times: templates of random units injected into white
/// Gaussian noise, like SpikeInterface's `generate_ground_truth_recording`, in pure Swift so tests and benchmarks need
/// no Python.
///
/// Channels sit on a line; a unit has a main channel and its amplitude falls by `e` every ``Configuration/spatialDecay``
/// channels away from it. Spike trains are Poisson with a refractory period. Units, spike trains and noise come from
/// separate SplitMix64 streams derived from one seed, so generating with `includeNoise: false` gives the same spikes and
/// templates without noise (the noise-free reference the per-channel scoring in spikes.md uses).
///
/// ```swift
/// let rec = SyntheticRecording(configuration: .init(channels: 8, sampleRate: 30_000, duration: 2, units: 6, seed: 7))
/// // rec.samples: frame-major Float, rec.spikes: ground truth sorted by time
/// ```
public struct SyntheticRecording: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var channels: Int
        public var sampleRate: Double
        public var duration: Double
        public var units: Int
        /// Trough amplitude on the main channel in multiples of the raw noise σ (before any filtering).
        public var snrRange: ClosedRange<Double>
        public var firingRateRange: ClosedRange<Double>
        public var refractoryPeriod: Double
        public var noiseSigma: Double
        /// Channels over which a unit's amplitude falls by a factor e.
        public var spatialDecay: Double
        public var seed: UInt64
        public var includeNoise: Bool

        public init(
            channels: Int,
            sampleRate: Double,
            duration: Double,
            units: Int,
            snrRange: ClosedRange<Double> = 3...12,
            firingRateRange: ClosedRange<Double> = 5...20,
            refractoryPeriod: Double = 0.004,
            noiseSigma: Double = 5,
            spatialDecay: Double = 0.8,
            seed: UInt64,
            includeNoise: Bool = true
        ) {
            self.channels = channels
            self.sampleRate = sampleRate
            self.duration = duration
            self.units = units
            self.snrRange = snrRange
            self.firingRateRange = firingRateRange
            self.refractoryPeriod = refractoryPeriod
            self.noiseSigma = noiseSigma
            self.spatialDecay = spatialDecay
            self.seed = seed
            self.includeNoise = includeNoise
        }
    }

    /// One simulated neuron.
    public struct Unit: Sendable, Equatable {
        public var mainChannel: Int
        /// Raw trough amplitude on the main channel / noise σ.
        public var snr: Double
        public var firingRate: Double
        public var template: SpikeTemplate
    }

    public let configuration: Configuration
    public let frames: Int
    /// Frame-major interleaved samples, `frames * channels`.
    public let samples: [Float]
    public let units: [Unit]
    /// Ground truth, sorted by sample index; `channel` is the unit's main channel.
    public let spikes: [GroundTruthSpike]

    public init(configuration c: Configuration) {
        precondition(c.channels > 0 && c.sampleRate > 0 && c.duration > 0 && c.units >= 0, "invalid synthetic configuration")
        configuration = c
        frames = Int((c.duration * c.sampleRate).rounded())
        var unitRNG = SplitMix64(seed: c.seed)
        var trainRNG = SplitMix64(seed: c.seed ^ 0x5EED_0F_5B1E_5EED)
        var noiseRNG = SplitMix64(seed: c.seed ^ 0x0DD_BA11_C0FF_EE00)

        var units: [Unit] = []
        for _ in 0..<c.units {
            let template = SpikeTemplate(
                sampleRate: c.sampleRate,
                depolarization: Double.random(in: 0.000_09...0.000_14, using: &unitRNG),
                repolarization: Double.random(in: 0.000_5...0.000_8, using: &unitRNG)
            )
            units.append(
                Unit(
                    mainChannel: Int.random(in: 0..<c.channels, using: &unitRNG),
                    snr: Double.random(in: c.snrRange, using: &unitRNG),
                    firingRate: Double.random(in: c.firingRateRange, using: &unitRNG),
                    template: template
                )
            )
        }

        var spikes: [GroundTruthSpike] = []
        for (index, unit) in units.enumerated() {
            // ISI = refractory + exponential, with the exponential's mean chosen so the mean rate is `firingRate`.
            let mean = max(1 / unit.firingRate - c.refractoryPeriod, 1 / c.sampleRate)
            var t = trainRNG.nextExponential(mean: mean)
            while t < c.duration {
                let sample = Int64((t * c.sampleRate).rounded())
                let start = Int(sample) - unit.template.troughIndex
                if start >= 0 && start + unit.template.samples.count <= frames {
                    spikes.append(GroundTruthSpike(sampleIndex: sample, unit: index, channel: unit.mainChannel))
                }
                t += c.refractoryPeriod + trainRNG.nextExponential(mean: mean)
            }
        }
        spikes.sort { ($0.sampleIndex, $0.unit) < ($1.sampleIndex, $1.unit) }

        var samples = [Float](repeating: 0, count: frames * c.channels)
        if c.includeNoise {
            for i in samples.indices { samples[i] = Float(noiseRNG.nextGaussian() * c.noiseSigma) }
        }
        for spike in spikes {
            let unit = units[spike.unit]
            let start = Int(spike.sampleIndex) - unit.template.troughIndex
            for channel in 0..<c.channels {
                let distance = Double(abs(channel - unit.mainChannel))
                let gain = Float(unit.snr * c.noiseSigma * PlatformMath.exp(-distance / c.spatialDecay))
                if gain < 1e-3 * Float(c.noiseSigma) { continue }
                for (k, v) in unit.template.samples.enumerated() {
                    samples[(start + k) * c.channels + channel] += gain * v
                }
            }
        }
        self.units = units
        self.spikes = spikes
        self.samples = samples
    }
}

/// One ground-truth spike: the sample of the unit's trough, and the unit's main channel.
public struct GroundTruthSpike: Sendable, Equatable, Hashable {
    public var sampleIndex: Int64
    public var unit: Int
    public var channel: Int

    public init(sampleIndex: Int64, unit: Int, channel: Int) {
        self.sampleIndex = sampleIndex
        self.unit = unit
        self.channel = channel
    }
}
