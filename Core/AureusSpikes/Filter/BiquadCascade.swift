/// A causal IIR filter (a cascade of ``Biquad`` sections) applied to interleaved multichannel blocks, with state
/// carried across blocks so that a stream cut into blocks filters exactly as one long block.
///
/// Layout: frame-major, as WAV and `.dat` files and device streams deliver it: `block[frame * channels + channel]`.
/// Eight neighbouring channels of one frame are contiguous, so the filter runs on `SIMD8<Float>` lanes, eight channels
/// per instruction. Frames are walked in order, all groups of a frame before the next frame, so memory is streamed
/// once and the per-group state (a few KiB) stays in L1.
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
        let sectionCount = sections.count
        let channels = channels
        let groups = groups
        coefficients.withUnsafeBufferPointer { k in
            state.withUnsafeMutableBufferPointer { s in
                // Frame-major walk: each frame's row is read and written once, in order, and the state of all groups
                // (channels / 8 × sections × 2 vectors, 16 KiB for 1,024 channels at order 2) stays in L1. Walking one
                // group down all frames instead strides by the row size (4 KiB at 1,024 channels), which aliases
                // to a single L1 set and ran ~2.5× slower.
                var row = 0
                for _ in 0..<frames {
                    if sectionCount == 2 {
                        Self.row2(src + row, dst + row, channels: channels, groups: groups, k: k, s: s)
                    } else {
                        Self.rowN(src + row, dst + row, channels: channels, groups: groups, k: k, s: s, sections: sectionCount)
                    }
                    row += channels
                }
            }
        }
    }

    /// Filters one frame (`channels` samples); `output` may equal `input`. The zero-phase filter's backward pass walks
    /// its history one frame at a time, newest first, through this.
    mutating func processFrame(_ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        let sectionCount = sections.count
        guard sectionCount > 0 else {
            if input != UnsafePointer(output) { output.update(from: input, count: channels) }
            return
        }
        let channels = channels
        let groups = groups
        coefficients.withUnsafeBufferPointer { k in
            state.withUnsafeMutableBufferPointer { s in
                if sectionCount == 2 {
                    Self.row2(input, output, channels: channels, groups: groups, k: k, s: s)
                } else {
                    Self.rowN(input, output, channels: channels, groups: groups, k: k, s: s, sections: sectionCount)
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

    /// One frame through the default order-2 bandpass (two sections), unrolled.
    @inline(__always)
    private static func row2(
        _ src: UnsafePointer<Float>,
        _ dst: UnsafeMutablePointer<Float>,
        channels: Int,
        groups: Int,
        k: UnsafeBufferPointer<Lanes>,
        s: UnsafeMutableBufferPointer<Lanes>
    ) {
        let (b00, b01, b02, a01, a02) = (k[0], k[1], k[2], k[3], k[4])
        let (b10, b11, b12, a11, a12) = (k[5], k[6], k[7], k[8], k[9])
        let state = s.baseAddress!
        for group in 0..<groups {
            let first = group * Lanes.scalarCount
            let width = min(Lanes.scalarCount, channels - first)
            let st = state + group * 4
            let x = load(src + first, width: width)
            let y0 = b00 * x + st[0]
            st[0] = b01 * x - a01 * y0 + st[1]
            st[1] = b02 * x - a02 * y0
            let y1 = b10 * y0 + st[2]
            st[2] = b11 * y0 - a11 * y1 + st[3]
            st[3] = b12 * y0 - a12 * y1
            store(y1, dst + first, width: width)
        }
    }

    @inline(__always)
    private static func rowN(
        _ src: UnsafePointer<Float>,
        _ dst: UnsafeMutablePointer<Float>,
        channels: Int,
        groups: Int,
        k: UnsafeBufferPointer<Lanes>,
        s: UnsafeMutableBufferPointer<Lanes>,
        sections: Int
    ) {
        let state = s.baseAddress!
        let coefficients = k.baseAddress!
        for group in 0..<groups {
            let first = group * Lanes.scalarCount
            let width = min(Lanes.scalarCount, channels - first)
            var x = load(src + first, width: width)
            var st = state + group * sections * 2
            var c = coefficients
            for _ in 0..<sections {
                let y = c[0] * x + st[0]
                st[0] = c[1] * x - c[3] * y + st[1]
                st[1] = c[2] * x - c[4] * y
                x = y
                st += 2
                c += 5
            }
            store(x, dst + first, width: width)
        }
    }
}
