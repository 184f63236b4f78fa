/// One second-order IIR section `H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²)`, normalised so `a0 == 1`.
///
/// This is one row of scipy's `output='sos'` layout (`[b0, b1, b2, 1, a1, a2]`), kept in `Double` because the
/// design maths needs it; ``BiquadCascade`` narrows the coefficients to `Float` once, when it is built.
public struct Biquad: Sendable, Equatable {
    public var b0: Double
    public var b1: Double
    public var b2: Double
    public var a1: Double
    public var a2: Double

    public init(b0: Double, b1: Double, b2: Double, a1: Double, a2: Double) {
        self.b0 = b0
        self.b1 = b1
        self.b2 = b2
        self.a1 = a1
        self.a2 = a2
    }

    /// The section's complex gain at `frequency` (Hz) for a stream sampled at `sampleRate`, as its magnitude.
    ///
    /// Used by tests and by callers that want to check a design's passband without running samples through it.
    public func magnitude(at frequency: Double, sampleRate: Double) -> Double {
        response(at: 2 * Double.pi * frequency / sampleRate).magnitude
    }

    /// `H(e^{jw})` for `w` in radians per sample.
    func response(at w: Double) -> ComplexValue {
        let z1 = ComplexValue(cosine: -w)  // e^{-jw}
        let z2 = z1 * z1
        let numerator = ComplexValue(b0) + ComplexValue(b1) * z1 + ComplexValue(b2) * z2
        let denominator = ComplexValue(1) + ComplexValue(a1) * z1 + ComplexValue(a2) * z2
        return numerator / denominator
    }
}
