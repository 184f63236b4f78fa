import AureusCore
import AureusProtocol
import AureusSpikes

extension NeuralService {
    /// Builds the sample source a start request names, failing before any thread starts so
    /// the caller gets the reason (a bad path, a malformed header) as the call's error.
    func makeSource(_ params: NeuralSourceStartParams) throws -> (any SampleBlockSource, String) {
        switch params.kind {
        case .synthetic:
            let options = params.synthetic ?? SyntheticSourceParams()
            let channels = options.channels ?? params.channels ?? 32
            let rate = options.sampleRate ?? params.sampleRate ?? 30_000
            let seconds = options.seconds ?? 10
            guard (1...limits.maxChannels).contains(channels), limits.sampleRates.contains(rate) else {
                throw RPCError(.invalidParams, reason: "synthetic: 1–\(limits.maxChannels) channels at 1–100 kHz")
            }
            guard seconds >= 0.5, seconds <= 600, Double(channels) * rate * seconds <= Double(limits.maxSyntheticSamples) else {
                throw RPCError(
                    .invalidParams,
                    reason: "synthetic: \(channels) ch × \(Int(rate)) Hz × \(seconds) s exceeds \(limits.maxSyntheticSamples) samples in memory; "
                        + "generate fewer seconds and loop"
                )
            }
            let units = options.units ?? max(1, channels / 3)
            guard (1...(channels * 4)).contains(units) else { throw RPCError(.invalidParams, reason: "synthetic: units must be 1–\(channels * 4)") }
            let recording = SyntheticRecording(
                configuration: .init(
                    channels: channels,
                    sampleRate: rate,
                    duration: seconds,
                    units: units,
                    seed: options.seed ?? UInt64(clock.now().milliseconds)
                )
            )
            return (SyntheticBlockSource(samples: recording.samples, channelCount: channels, sampleRate: rate), "synthetic-\(channels)ch")
        case .file:
            guard let path = params.path, !path.isEmpty else { throw RPCError(.invalidParams, reason: "file sources need a path") }
            let resolved = try recordings.resolve(path)
            return (try openRecording(at: resolved, params: params), path)
        case .live:
            guard let channels = params.channels, let rate = params.sampleRate else {
                throw RPCError(.invalidParams, reason: "live sources need channels and sampleRate")
            }
            let microvolts = params.microvoltsPerBit ?? 0.195
            guard microvolts > 0, microvolts.isFinite else { throw RPCError(.invalidParams, reason: "microvoltsPerBit must be positive") }
            return (LiveBlockSource(channelCount: channels, sampleRate: rate, microvoltsPerBit: Float(microvolts)), "live-\(channels)ch")
        }
    }

    /// The detector settings a request asks for, checked; defaults as documented.
    static func detection(
        _ params: SpikeDetectionParams?,
        sampleRate: Double
    ) throws -> (
        design: ButterworthDesign, threshold: Float, polarity: SpikePolarity, zeroPhase: Bool, exclusion: Bool
    ) {
        let params = params ?? SpikeDetectionParams()
        let order = params.order ?? 2
        guard (1...4).contains(order) else { throw RPCError(.invalidParams, reason: "detection.order must be 1–4") }
        let design: ButterworthDesign
        do {
            design = try ButterworthDesign(
                sampleRate: sampleRate,
                lowCutoff: params.bandLow ?? 300,
                highCutoff: min(params.bandHigh ?? 6_000, sampleRate * 0.45),
                order: order
            )
        } catch {
            throw RPCError(.invalidParams, reason: "detection: \(error)")
        }
        let threshold = params.threshold ?? 4.5
        guard threshold >= 2, threshold <= 20 else { throw RPCError(.invalidParams, reason: "detection.threshold must be 2–20 (σ)") }
        guard let polarity = SpikePolarity(rawValue: params.polarity ?? "negative") else {
            throw RPCError(.invalidParams, reason: "detection.polarity must be negative, positive or both")
        }
        return (design, Float(threshold), polarity, params.zeroPhase ?? false, params.exclusion ?? true)
    }
}
