/// Spatio-temporal exclusion of per-channel detections, so one spike yields one event: SpikeInterface's
/// `locally_exclusive` rule, streamed, plus a rule against the filter's ringing.
///
/// Why: a spike large enough to cross on its neighbours is reported once per channel by the detector (SpikeInterface's
/// `by_channel` behaves the same), and a causal bandpass rings after a large trough, so a second, smaller negative lobe
/// 1–3 ms later crosses the threshold too. Both count as false positives under the 1:1 event scoring of spikes.md.
///
/// Rules, over candidates on channels within `radius` of each other (channel indices: a linear probe; 2 channels is
/// SpikeInterface's `radius_um = 50` at 20–25 µm pitch), comparing amplitudes in units of each channel's σ:
/// - within ±`window` (0.2 ms) only the largest survives (ties: the earlier, then the lower channel): one spike seen on
///   several channels peaks on all of them within a sample or two. SpikeInterface's `locally_exclusive` uses ±1 ms,
///   which also drops a different unit's spike on a neighbour (it loses about half of the colliding spikes, spikes.md
///   sec. 2); same-channel repeats are already held off by the detector's dead time;
/// - a candidate up to `ringing` (2 ms) after one at least `ringingRatio` (1.75×) larger is dropped: the filter's
///   ringing lobe. Measured on a 32 ch × 30 kHz × 20 s recording (seed 42, 20 units): without these rules precision is
///   0.69 (0.87 lenient), with them 0.97, for recall on SNR ≥ 5 units 0.99 → 0.975.
///
/// Latency: an event is released once every candidate that could contest it has been reported, i.e. `window` plus the
/// detector's alignment window after its sample. No allocation once the buffers have grown to the busiest block.
public struct SpikeExclusion: Sendable {
    /// Parameters in seconds and channels.
    public struct Configuration: Sendable, Equatable {
        public var radius: Int
        public var window: Double
        public var ringing: Double
        public var ringingRatio: Float
        /// The ringing ratio when amplitudes come from a ``DetectionKernel``'s matched statistic, whose ringing lobes
        /// are smaller relative to the trough than the band-passed signal's (swept on seed 7: 1.75 → recall on SNR ≥ 5
        /// 0.968 / precision 0.995 at 96 ch; 3 → 0.975 / 0.994; 4 → 0.978 / 0.992, and 0.958 precision at 1,024 ch).
        public var statisticRingingRatio: Float

        public init(
            radius: Int = 2,
            window: Double = 0.000_2,
            ringing: Double = 0.002,
            ringingRatio: Float = 1.75,
            statisticRingingRatio: Float = 3
        ) {
            self.radius = radius
            self.window = window
            self.ringing = ringing
            self.ringingRatio = ringingRatio
            self.statisticRingingRatio = statisticRingingRatio
        }
    }

    struct Candidate: Sendable {
        var event: SpikeEvent
        var strength: Float
        var decided: Bool
    }

    public let configuration: Configuration
    let windowSamples: Int64
    let ringingSamples: Int64
    /// The ratio in force: ``Configuration/ringingRatio``, or ``Configuration/statisticRingingRatio`` on a statistic.
    let ratio: Float
    /// Candidates in arrival order, kept while they can still contest an undecided one.
    private var candidates: [Candidate] = []

    /// - Parameter statistic: amplitudes are a ``DetectionKernel``'s statistic (uses ``Configuration/statisticRingingRatio``).
    public init(configuration: Configuration, sampleRate: Double, statistic: Bool = false) {
        self.configuration = configuration
        self.ratio = statistic ? configuration.statisticRingingRatio : configuration.ringingRatio
        self.windowSamples = Int64((configuration.window * sampleRate).rounded())
        self.ringingSamples = Int64((configuration.ringing * sampleRate).rounded())
        candidates.reserveCapacity(1024)
    }

    /// Takes the detector's new events from `events[from...]` (removing them there) and appends the events decided so
    /// far. `settled` is the sample index below which the detector can report nothing new.
    public mutating func process(
        _ events: inout [SpikeEvent],
        from first: Int,
        settled: Int64,
        sigma: UnsafeBufferPointer<Float>
    ) {
        for e in events[first...] {
            let s = sigma[e.channel]
            candidates.append(Candidate(event: e, strength: s > 0 ? abs(e.amplitude) / s : abs(e.amplitude), decided: false))
        }
        events.removeSubrange(first...)
        decide(into: &events, upTo: settled - windowSamples)
    }

    /// Decides everything still pending (end of a recording).
    public mutating func flush(into events: inout [SpikeEvent]) {
        decide(into: &events, upTo: .max)
    }

    private mutating func decide(into events: inout [SpikeEvent], upTo limit: Int64) {
        let radius = configuration.radius
        let ratio = ratio
        let window = windowSamples
        let ringing = ringingSamples
        for i in candidates.indices where !candidates[i].decided && candidates[i].event.sampleIndex < limit {
            let c = candidates[i]
            var keep = true
            for other in candidates where abs(other.event.channel - c.event.channel) <= radius {
                let dt = other.event.sampleIndex - c.event.sampleIndex
                if dt == 0 && other.event.channel == c.event.channel { continue }
                if abs(dt) <= window {
                    let stronger =
                        other.strength > c.strength
                        || (other.strength == c.strength && (dt < 0 || (dt == 0 && other.event.channel < c.event.channel)))
                    if stronger {
                        keep = false
                        break
                    }
                } else if dt < 0 && -dt <= ringing && other.strength >= ratio * c.strength {
                    keep = false
                    break
                }
            }
            candidates[i].decided = true
            if keep { events.append(c.event) }
        }
        // Forget decided candidates too old to contest anything still undecided or yet to come.
        let horizon = limit == .max ? Int64.max : limit - window - ringing
        candidates.removeAll { $0.decided && ($0.event.sampleIndex < horizon || limit == .max) }
    }
}
