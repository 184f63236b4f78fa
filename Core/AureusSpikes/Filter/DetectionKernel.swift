/// A short causal FIR run on the band-passed signal to make the detection statistic: a generic spike-shaped (matched)
/// or smoothing kernel that raises a narrow trough's height over the noise before the threshold is applied.
///
/// Why: a causal low-order bandpass leaves a unit of SNR 5 (spikes.md's zero-phase definition) at ~4.2 σ, below a
/// 4.5 σ threshold. Correlating with a trough-shaped kernel is the textbook SNR-optimal detector for a known shape in
/// noise; the kernel here is generic (one fixed shape per configuration, never fitted to a recording's units).
///
/// The statistic lags the band-passed signal by ``delay`` frames (the kernel's look-ahead past the trough), so a trough
/// at frame t peaks in the statistic at t + ``delay``; ``SpikePipeline`` subtracts it from event indices.
///
/// Layout and state as ``BiquadCascade``: frame-major, eight channels per `SIMD8<Float>`; the caller passes the block
/// preceded by ``history`` frames of earlier input (the pipeline keeps them in front of its filtered buffer), so a
/// block split gives bit-identical output and nothing is allocated per block.
public struct DetectionKernel: Sendable, Equatable {
    /// The kernel's shape, in seconds, independent of the sample rate.
    public struct Configuration: Sendable, Equatable {
        public enum Shape: Sendable, Equatable {
            /// A Gaussian bump of standard deviation `width` (a low-pass smoother), truncated at ±2.5 widths.
            case gaussian
            /// The band-passed response of a Gaussian trough of standard deviation `width` (the causal filter's own
            /// output for a generic narrow spike), negated so a trough stays negative, from `before` s before its
            /// minimum to `after` s after it.
            case matched
        }

        public var shape: Shape
        public var width: Double
        public var before: Double
        public var after: Double

        public init(shape: Shape = .matched, width: Double = 0.000_12, before: Double = 0.000_4, after: Double = 0.000_6) {
            self.shape = shape
            self.width = width
            self.before = before
            self.after = after
        }

        public static func gaussian(width: Double) -> Self { .init(shape: .gaussian, width: width) }
    }

    public typealias Lanes = SIMD8<Float>

    public let channels: Int
    /// `taps[k]` multiplies the input `k` frames back: statistic[t] = Σ taps[k] · x[t − k].
    public let taps: [Float]
    /// Frames from a trough in the input to its peak in the statistic.
    public let delay: Int
    /// Frames of earlier input that must precede each block (`taps.count − 1`).
    public var history: Int { taps.count - 1 }

    /// Taps given directly (impulse response, newest first).
    public init(taps: [Float], delay: Int, channels: Int) throws(SpikeDSPError) {
        guard !taps.isEmpty, channels > 0, (0..<taps.count).contains(delay) else {
            throw .invalidParameter("kernel needs taps, channels > 0 and 0 <= delay < \(taps.count)")
        }
        self.taps = taps
        self.delay = delay
        self.channels = channels
    }

    /// Builds the kernel for `configuration` at the design's sample rate. The matched shape is a Gaussian trough through
    /// `design`, causally or, with `zeroPhase`, forward-backward (as the pipeline's zero-phase mode filters).
    public init(configuration c: Configuration, design: ButterworthDesign, channels: Int, zeroPhase: Bool = false) throws(SpikeDSPError) {
        let fs = design.sampleRate
        guard c.width > 0, c.before >= 0, c.after >= 0 else { throw .invalidParameter("kernel width must be > 0, before/after >= 0") }
        switch c.shape {
        case .gaussian:
            let radius = max(1, Int((2.5 * c.width * fs).rounded()))
            var g = (-radius...radius).map { i -> Double in
                let z = Double(i) / (c.width * fs)
                return PlatformMath.exp(-0.5 * z * z)
            }
            let sum = g.reduce(0, +)
            g = g.map { $0 / sum }
            try self.init(taps: g.map(Float.init), delay: radius, channels: channels)
        case .matched:
            // A unit trough 1 ms into 4 ms, through the causal cascade (Double precision, one channel).
            let n = Int((0.004 * fs).rounded())
            let centre = Double(Int((0.001 * fs).rounded()))
            var y = (0..<n).map { i -> Double in
                let z = (Double(i) - centre) / (c.width * fs)
                return -PlatformMath.exp(-0.5 * z * z)
            }
            if zeroPhase {
                y = ZeroPhaseFilter.offline(y.map(Float.init), sections: design.sections, channels: 1).map(Double.init)
            }
            for s in design.sections where !zeroPhase {
                var s1 = 0.0
                var s2 = 0.0
                for i in y.indices {
                    let x = y[i]
                    let out = s.b0 * x + s1
                    s1 = s.b1 * x - s.a1 * out + s2
                    s2 = s.b2 * x - s.a2 * out
                    y[i] = out
                }
            }
            let m = y.indices.min { y[$0] < y[$1] } ?? 0
            let before = Int((c.before * fs).rounded())
            let after = Int((c.after * fs).rounded())
            let lo = max(0, m - before)
            let hi = min(n - 1, m + after)
            let g = Array(y[lo...hi])
            // statistic[t] = Σ_j w[j]·x[t − delay + j − (m − lo)], w = −g / Σg² · |g(m)|: a copy of g keeps its trough.
            let energy = g.reduce(0) { $0 + $1 * $1 }
            let scale = y[m] / energy
            let d = hi - m
            let taps = (0...(hi - lo)).map { k in Float(scale * g[hi - lo - k]) }
            try self.init(taps: taps, delay: d, channels: channels)
        }
    }

    /// Computes the statistic for `frames` frames. `input` points at the first frame of the block and must have
    /// ``history`` readable frames before it (earlier input, or zeros at the start of a stream); `output` gets
    /// `frames × channels` samples and must not overlap `input`. `scratch` is reused between calls (grown once to
    /// `(history + frames) × 4` vectors), so a steady stream allocates nothing.
    public func apply(_ input: UnsafePointer<Float>, frames: Int, into output: UnsafeMutablePointer<Float>, scratch: inout [Lanes]) {
        let channels = channels
        let fullGroups = channels / Lanes.scalarCount
        let tiles = fullGroups / 4
        let rows = history + frames
        if scratch.count < rows * 4 { scratch = Array(repeating: Lanes(), count: rows * 4) }
        let count = taps.count
        let stride = channels * MemoryLayout<Float>.stride
        taps.withUnsafeBufferPointer { h in
            scratch.withUnsafeMutableBufferPointer { column in
                let col = column.baseAddress!
                // 32 channels at a time, down the block: their column (history + block) is copied into a contiguous
                // scratch first. Read straight from the frame-major block, the taps' rows sit a row apart (4 KiB at
                // 1,024 channels), alias to one L1 set and ran at a third of the speed.
                for tile in 0..<tiles {
                    let first = UnsafeRawPointer(input - history * channels + tile * 32)
                    for r in 0..<rows {
                        let p = first + r * stride
                        col[r * 4] = p.loadUnaligned(as: Lanes.self)
                        col[r * 4 + 1] = p.loadUnaligned(fromByteOffset: 32, as: Lanes.self)
                        col[r * 4 + 2] = p.loadUnaligned(fromByteOffset: 64, as: Lanes.self)
                        col[r * 4 + 3] = p.loadUnaligned(fromByteOffset: 96, as: Lanes.self)
                    }
                    let out = UnsafeMutableRawPointer(output + tile * 32)
                    for f in 0..<frames {
                        // Four independent accumulator chains: one chain would wait on its own adds.
                        var a0 = Lanes()
                        var a1 = Lanes()
                        var a2 = Lanes()
                        var a3 = Lanes()
                        var q = col + (f + history) * 4
                        for k in 0..<count {
                            let w = h[k]
                            a0 += w * q[0]
                            a1 += w * q[1]
                            a2 += w * q[2]
                            a3 += w * q[3]
                            q -= 4
                        }
                        let o = out + f * stride
                        o.storeBytes(of: a0, as: Lanes.self)
                        o.storeBytes(of: a1, toByteOffset: 32, as: Lanes.self)
                        o.storeBytes(of: a2, toByteOffset: 64, as: Lanes.self)
                        o.storeBytes(of: a3, toByteOffset: 96, as: Lanes.self)
                    }
                }
            }
            // Channels past the last whole tile: one frame at a time.
            for frame in 0..<frames {
                let row = input + frame * channels
                let out = output + frame * channels
                for c in (tiles * 32)..<channels {
                    var acc: Float = 0
                    for k in 0..<count { acc += h[k] * row[c - k * channels] }
                    out[c] = acc
                }
            }
        }
    }

    /// The statistic of a whole signal (`frames × channels`, zeros before it), for tests and offline references.
    public func apply(_ x: [Float]) -> [Float] {
        precondition(x.count % channels == 0, "whole frames")
        let frames = x.count / channels
        let padded = [Float](repeating: 0, count: history * channels) + x
        var out = [Float](repeating: 0, count: x.count)
        var scratch: [Lanes] = []
        padded.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                apply(p.baseAddress! + history * channels, frames: frames, into: o.baseAddress!, scratch: &scratch)
            }
        }
        return out
    }
}
