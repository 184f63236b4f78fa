/// Detection accuracy against ground truth, with the protocol of `shared/research/spikes.md` (the one the
/// SpikeInterface numbers in issue 6 were measured with), so our figures and theirs compare.
///
/// - Event level: each ground-truth spike, in time order, takes the nearest unused detection within ±tolerance on a
///   channel neighbouring the unit's main channel. Recall = matched truth / truth; strict precision = matched
///   detections / detections (1:1); lenient precision = detections within tolerance of any ground-truth spike.
/// - Per channel: detections vs a reference event list (the detector run on the noise-free recording with the same
///   thresholds), matched 1:1 per channel in time order; precision, recall, F1.
///
/// Tolerance is 0.4 ms (`GroundTruthComparison.delta_time`), 12 samples at 30 kHz, 8 at 20 kHz.
public enum SpikeScoring {
    public static let defaultToleranceSeconds = 0.000_4

    public static func toleranceSamples(seconds: Double = defaultToleranceSeconds, sampleRate: Double) -> Int64 {
        Int64((seconds * sampleRate).rounded())
    }

    public struct EventScore: Sendable, Equatable {
        /// Per ground-truth spike (same order as the input): was it matched?
        public var hits: [Bool]
        public var detections: Int
        public var matchedDetections: Int
        public var lenientDetections: Int
        /// Matched detection − ground truth, in samples, for every match.
        public var offsets: [Int64]

        public var recall: Double { hits.isEmpty ? 0 : Double(hits.count { $0 }) / Double(hits.count) }
        public var precision: Double { detections == 0 ? 0 : Double(matchedDetections) / Double(detections) }
        public var lenientPrecision: Double { detections == 0 ? 0 : Double(lenientDetections) / Double(detections) }
        public var f1: Double { SpikeScoring.f1(precision: precision, recall: recall) }

        /// Recall over the ground-truth spikes for which `include` is true (e.g. units with SNR ≥ 5).
        public func recall(where include: (Int) -> Bool) -> Double {
            var total = 0
            var hit = 0
            for (i, h) in hits.enumerated() where include(i) {
                total += 1
                if h { hit += 1 }
            }
            return total == 0 ? 0 : Double(hit) / Double(total)
        }
    }

    public struct ChannelScore: Sendable, Equatable {
        public var truePositives: Int
        public var detections: Int
        public var references: Int

        public var precision: Double { detections == 0 ? 0 : Double(truePositives) / Double(detections) }
        public var recall: Double { references == 0 ? 0 : Double(truePositives) / Double(references) }
        public var f1: Double { SpikeScoring.f1(precision: precision, recall: recall) }
    }

    static func f1(precision: Double, recall: Double) -> Double {
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// Event-level matching. `isNeighbour(mainChannel, detectionChannel)` stands for "within 50 µm" on a real probe.
    public static func scoreEvents(
        detected: [SpikeEvent],
        truth: [GroundTruthSpike],
        tolerance: Int64,
        isNeighbour: (Int, Int) -> Bool
    ) -> EventScore {
        let peaks = detected.sorted { ($0.sampleIndex, $0.channel) < ($1.sampleIndex, $1.channel) }
        var used = [Bool](repeating: false, count: peaks.count)
        var hits = [Bool](repeating: false, count: truth.count)
        var offsets: [Int64] = []
        let order = truth.indices.sorted { truth[$0].sampleIndex < truth[$1].sampleIndex }
        for i in order {
            let t = truth[i].sampleIndex
            var best = -1
            var bestDistance = tolerance + 1
            var j = lowerBound(peaks, t - tolerance)
            while j < peaks.count && peaks[j].sampleIndex <= t + tolerance {
                let d = abs(peaks[j].sampleIndex - t)
                if !used[j] && d < bestDistance && isNeighbour(truth[i].channel, peaks[j].channel) {
                    best = j
                    bestDistance = d
                }
                j += 1
            }
            if best >= 0 {
                used[best] = true
                hits[i] = true
                offsets.append(peaks[best].sampleIndex - t)
            }
        }
        let truthTimes = truth.map(\.sampleIndex).sorted()
        var lenient = 0
        for peak in peaks {
            let k = lowerBound(truthTimes, peak.sampleIndex - tolerance)
            if k < truthTimes.count && truthTimes[k] <= peak.sampleIndex + tolerance { lenient += 1 }
        }
        return EventScore(
            hits: hits,
            detections: peaks.count,
            matchedDetections: used.count { $0 },
            lenientDetections: lenient,
            offsets: offsets
        )
    }

    /// Per-channel 1:1 matching of `detected` against `reference` (greedy, in time order, as spikes.md Appendix A).
    public static func scorePerChannel(detected: [SpikeEvent], reference: [SpikeEvent], channels: Int, tolerance: Int64) -> ChannelScore {
        var a = [[Int64]](repeating: [], count: channels)
        var b = [[Int64]](repeating: [], count: channels)
        for e in detected { a[e.channel].append(e.sampleIndex) }
        for e in reference { b[e.channel].append(e.sampleIndex) }
        var tp = 0
        for c in 0..<channels {
            let x = a[c].sorted()
            let y = b[c].sorted()
            var i = 0
            var j = 0
            while i < x.count && j < y.count {
                let d = x[i] - y[j]
                if abs(d) <= tolerance {
                    tp += 1
                    i += 1
                    j += 1
                } else if d < 0 {
                    i += 1
                } else {
                    j += 1
                }
            }
        }
        return ChannelScore(truePositives: tp, detections: detected.count, references: reference.count)
    }

    private static func lowerBound(_ peaks: [SpikeEvent], _ value: Int64) -> Int {
        var lo = 0
        var hi = peaks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if peaks[mid].sampleIndex < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private static func lowerBound(_ values: [Int64], _ value: Int64) -> Int {
        var lo = 0
        var hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
