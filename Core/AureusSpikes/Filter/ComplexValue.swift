/// The few complex-number operations the filter design needs (pole placement, bilinear transform).
///
/// Internal on purpose: Core has no dependency on swift-numerics, and the design runs once per configuration,
/// so clarity matters more than speed here.
struct ComplexValue: Sendable, Equatable {
    var re: Double
    var im: Double

    init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// `e^{j·angle}`.
    init(cosine angle: Double) {
        self.init(PlatformMath.cos(angle), PlatformMath.sin(angle))
    }

    var magnitude: Double { (re * re + im * im).squareRoot() }
    var conjugate: ComplexValue { ComplexValue(re, -im) }

    /// Principal square root (branch cut on the negative real axis), as numpy's `sqrt` for complex input.
    var squareRoot: ComplexValue {
        let r = magnitude
        if r == 0 { return ComplexValue(0) }
        let real = ((r + re) / 2).squareRoot()
        let imag = ((r - re) / 2).squareRoot()
        return ComplexValue(real, im < 0 ? -imag : imag)
    }

    static func + (l: ComplexValue, r: ComplexValue) -> ComplexValue { ComplexValue(l.re + r.re, l.im + r.im) }
    static func - (l: ComplexValue, r: ComplexValue) -> ComplexValue { ComplexValue(l.re - r.re, l.im - r.im) }
    static func * (l: ComplexValue, r: ComplexValue) -> ComplexValue {
        ComplexValue(l.re * r.re - l.im * r.im, l.re * r.im + l.im * r.re)
    }
    static func / (l: ComplexValue, r: ComplexValue) -> ComplexValue {
        let d = r.re * r.re + r.im * r.im
        return ComplexValue((l.re * r.re + l.im * r.im) / d, (l.im * r.re - l.re * r.im) / d)
    }
    static prefix func - (v: ComplexValue) -> ComplexValue { ComplexValue(-v.re, -v.im) }
}
