/// Digital Butterworth bandpass design as second-order sections, reproducing scipy's
/// `signal.butter(order, [low, high], btype='band', fs=sampleRate, output='sos')` section for section.
///
/// Why match scipy exactly rather than "a" Butterworth: the accuracy targets are stated against SpikeInterface,
/// which designs its filters with scipy, and matching coefficients lets tests pin the design to committed scipy
/// fixtures. The steps are scipy's: analog prototype poles (`buttap`), prewarped band edges, lowpass→bandpass
/// (`lp2bp_zpk`), bilinear transform (`bilinear_zpk`), then pole/zero pairing (`zpk2sos`, pairing "nearest"), which
/// lives in `ButterworthDesign+Pairing.swift`.
///
/// A bandpass of order N has 2N poles and so N sections.
///
/// ```swift
/// let design = try ButterworthDesign(sampleRate: 30_000)          // 300–6000 Hz, order 2
/// var filter = BiquadCascade(sections: design.sections, channels: 96)
/// ```
public struct ButterworthDesign: Sendable, Equatable {
    public let sampleRate: Double
    public let lowCutoff: Double
    public let highCutoff: Double
    public let order: Int
    /// The sections in scipy's order: the overall gain sits in the first, the poles nearest the unit circle in the last.
    public let sections: [Biquad]

    /// - Throws: ``SpikeDSPError`` when the band is empty, not strictly inside (0, Nyquist), or the order is not 1...16.
    public init(sampleRate: Double, lowCutoff: Double = 300, highCutoff: Double = 6000, order: Int = 2) throws(SpikeDSPError) {
        guard sampleRate > 0, sampleRate.isFinite else { throw .invalidParameter("sample rate \(sampleRate) must be positive") }
        guard (1...16).contains(order) else { throw .invalidParameter("order \(order) must be in 1...16") }
        guard lowCutoff > 0, lowCutoff < highCutoff, highCutoff < sampleRate / 2 else {
            throw .invalidParameter("band \(lowCutoff)–\(highCutoff) Hz must satisfy 0 < low < high < Nyquist (\(sampleRate / 2) Hz)")
        }
        self.sampleRate = sampleRate
        self.lowCutoff = lowCutoff
        self.highCutoff = highCutoff
        self.order = order
        let (zeros, poles, gain) = Self.bandpassZPK(order: order, low: lowCutoff / (sampleRate / 2), high: highCutoff / (sampleRate / 2))
        self.sections = Self.secondOrderSections(zeros: zeros, poles: poles, gain: gain)
    }

    /// The cascade's magnitude response at `frequency` Hz (product of the sections').
    public func magnitude(at frequency: Double) -> Double {
        sections.reduce(1) { $0 * $1.magnitude(at: frequency, sampleRate: sampleRate) }
    }

    /// Zeros, poles and gain of the digital bandpass; `low` and `high` are fractions of Nyquist, as scipy's `Wn`.
    static func bandpassZPK(order n: Int, low: Double, high: Double) -> (zeros: [ComplexValue], poles: [ComplexValue], gain: Double) {
        // scipy works at fs = 2 after normalising: warped = 2·fs·tan(π·Wn/fs) = 4·tan(π·Wn/2).
        let fs2 = 4.0
        let warpedLow = fs2 * PlatformMath.tan(Double.pi * low / 2)
        let warpedHigh = fs2 * PlatformMath.tan(Double.pi * high / 2)
        let bandwidth = warpedHigh - warpedLow
        let centre = (warpedLow * warpedHigh).squareRoot()

        // buttap: p = -exp(jπ·m/(2N)) for m = -N+1, -N+3, ..., N-1; no zeros; gain 1.
        let prototype = stride(from: -n + 1, through: n - 1, by: 2).map { m in
            -ComplexValue(cosine: Double.pi * Double(m) / Double(2 * n))
        }
        // lp2bp_zpk: each lowpass pole p·bw/2 splits into p' ± sqrt(p'² − wo²); N zeros land at s = 0.
        let half = ComplexValue(bandwidth / 2)
        let wo2 = ComplexValue(centre * centre)
        let scaled = prototype.map { $0 * half }
        let analogPoles = scaled.map { $0 + ($0 * $0 - wo2).squareRoot } + scaled.map { $0 - ($0 * $0 - wo2).squareRoot }
        var analogGain = 1.0
        for _ in 0..<n { analogGain *= bandwidth }

        // bilinear_zpk: z = (fs2 + s)/(fs2 − s); the N zeros at s = 0 go to z = +1, the N at infinity to z = −1.
        let four = ComplexValue(fs2)
        let poles = analogPoles.map { (four + $0) / (four - $0) }
        let zeros = Array(repeating: ComplexValue(1), count: n) + Array(repeating: ComplexValue(-1), count: n)
        var ratio = ComplexValue(1)
        for _ in 0..<n { ratio = ratio * four }  // prod(fs2 − z) over the analog zeros at 0
        for p in analogPoles { ratio = ratio / (four - p) }
        return (zeros, poles, analogGain * ratio.re)
    }
}

extension ButterworthDesign {
    /// Group delay in samples at `frequency` Hz (−dφ/dω, by a central difference of the cascade's phase).
    ///
    /// A causal filter delays a spike's trough by about this much; the detector subtracts it so reported times line up
    /// with the unfiltered waveform, as they do after SpikeInterface's zero-phase filter.
    public func groupDelay(at frequency: Double) -> Double {
        let w = 2 * Double.pi * frequency / sampleRate
        let dw = 1e-5
        var ratio = ComplexValue(1)
        for s in sections { ratio = ratio * (s.response(at: w + dw) / s.response(at: w - dw)) }
        return -PlatformMath.atan2(ratio.im, ratio.re) / (2 * dw)
    }
}
