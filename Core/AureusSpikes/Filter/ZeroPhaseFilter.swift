/// Streaming forward-backward ("zero-phase", `filtfilt`-like) filtering with a fixed lag of a few milliseconds.
///
/// Why: a causal bandpass delays and smears a spike's trough; SpikeInterface filters forward and backward
/// (`scipy.signal.sosfiltfilt`), which cancels the phase and squares the magnitude response. spikes.md, Appendix B:
/// that keeps more trough-to-noise ratio than any causal filter, and BrainGate found a non-causal filter with ~4 ms lag
/// improves threshold crossings (Masse et al. 2014).
///
/// How: the forward pass is the ordinary causal cascade, state carried across blocks. The stream is cut into segments of
/// `segmentFrames`; once `lookaheadFrames` more forward-filtered frames exist beyond a segment's end, the backward cascade
/// starts from zero state at the newest of them and runs back to the segment's start, keeping only the segment's
/// frames. The zero-state transient has decayed over the lookahead, so the output equals an offline forward-backward
/// pass up to the impulse-response tail after `lookaheadFrames` (measured in `ZeroPhaseFilterTests`, largest error over
/// 50 k samples relative to the output's RMS, order 2: 12% at 1 ms, 1.0% at 3 ms, 0.5% at 4 ms (default), 0.03% at 6 ms of lookahead;
/// order 5, whose poles near 300 Hz ring longer: 0.02% at 15 ms; SpikeInterface's own chunk margin is 16.7 ms).
///
/// Output has exactly as many frames as input, delayed by ``delayFrames`` (= segment + lookahead, 6 ms at the defaults):
/// output frame i is the filtered stream at frame i − delay; the first `delayFrames` frames are zeros.
/// Cost: one forward pass plus (segment + lookahead) / segment backward passes (3× at the defaults).
///
/// - Important: allocation-free after `init` (two rings of `2 · delayFrames` frames). Any block split gives bit-identical
///   output, as the work is scheduled by absolute frame index.
public struct ZeroPhaseFilter: Sendable {
    /// Lag parameters, in seconds (see the type's discussion).
    public struct Configuration: Sendable, Equatable {
        public var lookahead: Double
        public var segment: Double

        public init(lookahead: Double = 0.004, segment: Double = 0.002) {
            self.lookahead = lookahead
            self.segment = segment
        }
    }

    public let channels: Int
    public let segmentFrames: Int
    public let lookaheadFrames: Int
    /// Output lag in frames: segment + lookahead.
    public var delayFrames: Int { segmentFrames + lookaheadFrames }

    private var forward: BiquadCascade
    private let backwardPrototype: BiquadCascade
    private var backward: BiquadCascade
    /// Forward-filtered and finished (zero-phase) frames, both indexed by absolute frame mod `capacity`.
    private var forwardRing: [Float]
    private var outputRing: [Float]
    private let capacity: Int
    /// Frames consumed so far.
    private var framesIn: Int64 = 0

    /// - Parameters:
    ///   - lookahead: seconds of data beyond a segment that the backward pass starts from (default 4 ms).
    ///   - segment: seconds finished per backward pass (default 2 ms); longer segments cost less but lag more.
    public init(
        sections: [Biquad],
        channels: Int,
        sampleRate: Double,
        lookahead: Double = 0.004,
        segment: Double = 0.002
    ) throws(SpikeDSPError) {
        guard channels > 0, sampleRate > 0 else { throw .invalidParameter("channels and sample rate must be positive") }
        let lookaheadFrames = Int((lookahead * sampleRate).rounded())
        let segmentFrames = Int((segment * sampleRate).rounded())
        guard lookaheadFrames >= 0, segmentFrames > 0 else {
            throw .invalidParameter("lookahead must be >= 0 and the segment at least one frame")
        }
        self.channels = channels
        self.segmentFrames = segmentFrames
        self.lookaheadFrames = lookaheadFrames
        self.forward = BiquadCascade(sections: sections, channels: channels)
        self.backwardPrototype = BiquadCascade(sections: sections, channels: channels)
        self.backward = backwardPrototype
        self.capacity = 2 * (segmentFrames + lookaheadFrames)
        self.forwardRing = Array(repeating: 0, count: capacity * channels)
        self.outputRing = Array(repeating: 0, count: capacity * channels)
    }

    /// Filters `input` (whole frames) into `output` (same count, may be the same memory), delayed by ``delayFrames``.
    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(input.count == output.count, "output must match input")
        precondition(input.count % channels == 0, "blocks hold whole frames")
        guard let src = input.baseAddress, let dst = output.baseAddress else { return }
        let frames = input.count / channels
        let channels = channels
        let capacity = Int64(capacity)
        let delay = Int64(delayFrames)
        let segment = Int64(segmentFrames)
        let lookahead = Int64(lookaheadFrames)
        var done = 0
        while done < frames {
            // Next frame count that completes a segment's lookahead: segment k is ready once frame (k+1)·S + L − 1 is in.
            let n = framesIn
            let k = n - lookahead < 0 ? 0 : (n - lookahead) / segment
            let trigger = (k + 1) * segment + lookahead  // frames needed (exclusive end)
            let slot = n % capacity
            let chunk = Int(min(Int64(frames - done), trigger - n, capacity - slot))
            // Forward pass into the ring.
            forwardRing.withUnsafeMutableBufferPointer { ring in
                let out = UnsafeMutableBufferPointer(rebasing: ring[(Int(slot) * channels)..<((Int(slot) + chunk) * channels)])
                let inp = UnsafeBufferPointer(start: src + done * channels, count: chunk * channels)
                forward.process(inp, into: out)
            }
            framesIn += Int64(chunk)
            if framesIn == trigger { finishSegment(k, segment: segment, lookahead: lookahead, capacity: capacity) }
            // Emit frames n − delay for the chunk (zeros before the stream's start).
            outputRing.withUnsafeBufferPointer { ring in
                for i in 0..<chunk {
                    let frame = n + Int64(i) - delay
                    let target = dst + (done + i) * channels
                    if frame < 0 {
                        target.update(repeating: 0, count: channels)
                    } else {
                        target.update(from: ring.baseAddress! + Int(frame % capacity) * channels, count: channels)
                    }
                }
            }
            done += chunk
        }
    }

    /// Array convenience over ``process(_:into:)``; `output` must already have `input.count` elements.
    public mutating func process(_ input: [Float], into output: inout [Float]) {
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in process(i, into: o) }
        }
    }

    /// Backward pass for segment `k`: from frame (k+1)·S + L − 1 down to k·S, zero initial state, keeping [k·S, (k+1)·S).
    private mutating func finishSegment(_ k: Int64, segment: Int64, lookahead: Int64, capacity: Int64) {
        backward = backwardPrototype
        let first = k * segment
        let keepEnd = first + segment
        let channels = channels
        forwardRing.withUnsafeMutableBufferPointer { fwd in
            outputRing.withUnsafeMutableBufferPointer { out in
                var frame = keepEnd + lookahead - 1
                while frame >= first {
                    let offset = Int(frame % capacity) * channels
                    // Lookahead frames (>= keepEnd) land in their own output slots too; those are rewritten by the next
                    // segment's pass before they are emitted.
                    backward.processFrame(fwd.baseAddress! + offset, into: out.baseAddress! + offset)
                    frame -= 1
                }
            }
        }
    }
}

extension ZeroPhaseFilter {
    /// Offline forward-backward over a whole recording (frame-major): `sosfiltfilt` without its edge padding. The
    /// reference the streaming filter is tested against, and the filter `bench-spikes` measures unit SNR after.
    public static func offline(_ x: [Float], sections: [Biquad], channels: Int) -> [Float] {
        var forward = BiquadCascade(sections: sections, channels: channels)
        var y = x
        forward.processInPlace(&y)
        let frames = y.count / channels
        var reversed = [Float](repeating: 0, count: y.count)
        for f in 0..<frames {
            reversed.replaceSubrange(((frames - 1 - f) * channels)..<((frames - f) * channels), with: y[(f * channels)..<((f + 1) * channels)])
        }
        var backward = BiquadCascade(sections: sections, channels: channels)
        backward.processInPlace(&reversed)
        for f in 0..<frames {
            y.replaceSubrange(((frames - 1 - f) * channels)..<((frames - f) * channels), with: reversed[(f * channels)..<((f + 1) * channels)])
        }
        return y
    }
}
