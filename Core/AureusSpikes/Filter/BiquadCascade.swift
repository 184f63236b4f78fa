/// A causal IIR filter (a cascade of ``Biquad`` sections) applied to interleaved multichannel blocks, with state
/// carried across blocks so that a stream cut into blocks filters exactly as one long block.
///
/// Layout: frame-major, as WAV and `.dat` files and device streams deliver it: `block[frame * channels + channel]`.
/// Eight neighbouring channels of one frame are contiguous, so the filter runs on `SIMD8<Float>` lanes, eight channels
/// per instruction, walking the frames of one 8-channel group at a time so that the group's state stays in registers.
/// Channels beyond the last full group of eight are gathered into a zero-padded vector.
///
/// Each section is transposed direct form II (two state words per section per channel), in `Float`, the format the
/// samples arrive in; the design's `Double` coefficients are narrowed once, here.
///
/// - Important: `process` allocates nothing: the caller owns the output buffer, which may be the input buffer
///   (in-place filtering). Reuse one cascade per stream; it is a value, so copying it forks the state.
///
/// ```swift
/// var filter = BiquadCascade(sections: try ButterworthDesign(sampleRate: 30_000).sections, channels: 96)
/// filter.process(block, into: &filtered)    // block.count == frames * 96
/// ```
public struct BiquadCascade: Sendable {
    public typealias Lanes = SIMD8<Float>

    public let channels: Int
    public let sections: [Biquad]
    /// Per section: b0, b1, b2, a1, a2 broadcast to all lanes.
    private let coefficients: [Lanes]
    /// Per group, per section: s1, s2.
    private var state: [Lanes]

    private var groups: Int { (channels + Lanes.scalarCount - 1) / Lanes.scalarCount }

    public init(sections: [Biquad], channels: Int) {
        precondition(channels > 0, "a cascade needs at least one channel")
        self.channels = channels
        self.sections = sections
        self.coefficients = sections.flatMap { s in
            [s.b0, s.b1, s.b2, s.a1, s.a2].map { Lanes(repeating: Float($0)) }
        }
        self.state = Array(repeating: Lanes(), count: ((channels + Lanes.scalarCount - 1) / Lanes.scalarCount) * sections.count * 2)
    }

    /// Forgets the filter history (for example after a gap in the stream).
    public mutating func reset() {
        for i in state.indices { state[i] = Lanes() }
    }

    /// Filters `input` (whole frames) into `output`, which must have the same count; they may be the same memory.
    public mutating func process(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(input.count == output.count, "output must match input")
        precondition(input.count % channels == 0, "blocks hold whole frames")
        guard let src = input.baseAddress, let dst = output.baseAddress else { return }
        guard !sections.isEmpty else {
            if src != UnsafePointer(dst) { dst.update(from: src, count: input.count) }
            return
        }
        let frames = input.count / channels
        let stride = channels
        let sectionCount = sections.count
        let channels = channels
        let groups = groups
        coefficients.withUnsafeBufferPointer { k in
            state.withUnsafeMutableBufferPointer { s in
                for group in 0..<groups {
                    let first = group * Lanes.scalarCount
                    let width = min(Lanes.scalarCount, channels - first)
                    let base = group * sectionCount * 2
                    if sectionCount == 2 {
                        Self.run2(src + first, dst + first, frames: frames, stride: stride, width: width, k: k, s: s, base: base)
                    } else {
                        Self.runN(
                            src + first,
                            dst + first,
                            frames: frames,
                            stride: stride,
                            width: width,
                            k: k,
                            s: s,
                            base: base,
                            sections: sectionCount
                        )
                    }
                }
            }
        }
    }

    /// Array convenience over ``process(_:into:)``; `output` must already have `input.count` elements.
    public mutating func process(_ input: [Float], into output: inout [Float]) {
        input.withUnsafeBufferPointer { i in
            output.withUnsafeMutableBufferPointer { o in process(i, into: o) }
        }
    }

    /// Filters `buffer` in place.
    public mutating func processInPlace(_ buffer: inout [Float]) {
        buffer.withUnsafeMutableBufferPointer { b in process(UnsafeBufferPointer(b), into: b) }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>, width: Int) -> Lanes {
        if width == Lanes.scalarCount { return UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
        var v = Lanes()
        for lane in 0..<width { v[lane] = p[lane] }
        return v
    }

    @inline(__always)
    private static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>, width: Int) {
        if width == Lanes.scalarCount {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
            return
        }
        for lane in 0..<width { p[lane] = v[lane] }
    }

    /// The default order-2 bandpass (two sections), unrolled so all four state vectors live in registers.
    private static func run2(
        _ src: UnsafePointer<Float>,
        _ dst: UnsafeMutablePointer<Float>,
        frames: Int,
        stride: Int,
        width: Int,
        k: UnsafeBufferPointer<Lanes>,
        s: UnsafeMutableBufferPointer<Lanes>,
        base: Int
    ) {
        let (b00, b01, b02, a01, a02) = (k[0], k[1], k[2], k[3], k[4])
        let (b10, b11, b12, a11, a12) = (k[5], k[6], k[7], k[8], k[9])
        var (s01, s02, s11, s12) = (s[base], s[base + 1], s[base + 2], s[base + 3])
        var offset = 0
        for _ in 0..<frames {
            let x = load(src + offset, width: width)
            let y0 = b00 * x + s01
            s01 = b01 * x - a01 * y0 + s02
            s02 = b02 * x - a02 * y0
            let y1 = b10 * y0 + s11
            s11 = b11 * y0 - a11 * y1 + s12
            s12 = b12 * y0 - a12 * y1
            store(y1, dst + offset, width: width)
            offset += stride
        }
        (s[base], s[base + 1], s[base + 2], s[base + 3]) = (s01, s02, s11, s12)
    }

    private static func runN(
        _ src: UnsafePointer<Float>,
        _ dst: UnsafeMutablePointer<Float>,
        frames: Int,
        stride: Int,
        width: Int,
        k: UnsafeBufferPointer<Lanes>,
        s: UnsafeMutableBufferPointer<Lanes>,
        base: Int,
        sections: Int
    ) {
        var offset = 0
        for _ in 0..<frames {
            var x = load(src + offset, width: width)
            for section in 0..<sections {
                let c = section * 5
                let i = base + section * 2
                let y = k[c] * x + s[i]
                s[i] = k[c + 1] * x - k[c + 3] * y + s[i + 1]
                s[i + 1] = k[c + 2] * x - k[c + 4] * y
                x = y
            }
            store(x, dst + offset, width: width)
            offset += stride
        }
    }
}
