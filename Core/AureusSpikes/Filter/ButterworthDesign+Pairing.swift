extension ButterworthDesign {
    /// scipy's `zpk2sos(z, p, k)` with `pairing='nearest'` for a digital filter with as many zeros as poles.
    ///
    /// Poles are taken "worst first" (nearest the unit circle), each paired with its conjugate (or, for a real pole,
    /// the next worst real pole) and with the zeros nearest to it; the worst sections are placed last and the overall
    /// gain is folded into the first. Keeping scipy's order matters for float32 filtering too: the high-Q sections run
    /// last, after the gain has already been applied.
    static func secondOrderSections(zeros: [ComplexValue], poles: [ComplexValue], gain: Double) -> [Biquad] {
        var z = conjugateFirst(zeros)
        var p = conjugateFirst(poles)
        let count = (max(z.count, p.count) + 1) / 2
        var sections = Array(repeating: Biquad(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0), count: count)
        for index in stride(from: count - 1, through: 0, by: -1) {
            guard let worst = indexOfWorst(p, among: Array(p.indices)) else { break }
            let p1 = p.remove(at: worst)
            let p2: ComplexValue
            if p1.im == 0 {
                if let other = indexOfWorst(p, among: p.indices.filter { p[$0].im == 0 }) {
                    p2 = p.remove(at: other)
                } else {
                    // Last real pole on its own (odd pole count): a first-order section.
                    let z1 = nearest(in: z, to: p1, realOnly: true).map { z.remove(at: $0) } ?? ComplexValue(0)
                    sections[index] = section(zeros: (z1, ComplexValue(0)), poles: (p1, ComplexValue(0)))
                    continue
                }
            } else {
                p2 = p1.conjugate
            }
            var z1 = ComplexValue(0)
            var z2 = ComplexValue(0)
            if let i = nearest(in: z, to: p1, realOnly: false) {
                z1 = z.remove(at: i)
                if z1.im != 0 {
                    z2 = z1.conjugate
                } else if let j = nearest(in: z, to: p1, realOnly: true) {
                    z2 = z.remove(at: j)
                }
            }
            sections[index] = section(zeros: (z1, z2), poles: (p1, p2))
        }
        sections[0].b0 *= gain
        sections[0].b1 *= gain
        sections[0].b2 *= gain
        return sections
    }

    /// scipy's `_cplxreal` order: one member (positive imaginary part) of each conjugate pair sorted by real part, then
    /// the real values sorted; values within 100·ε·|z| of the real axis count as real and lose their imaginary part.
    private static func conjugateFirst(_ values: [ComplexValue]) -> [ComplexValue] {
        let tolerance = 100 * Double.ulpOfOne
        var complex: [ComplexValue] = []
        var real: [ComplexValue] = []
        for v in values {
            if abs(v.im) <= tolerance * v.magnitude {
                real.append(ComplexValue(v.re))
            } else if v.im > 0 {
                complex.append(v)
            }
        }
        complex.sort { ($0.re, abs($0.im)) < ($1.re, abs($1.im)) }
        real.sort { $0.re < $1.re }
        return complex + real
    }

    /// The index (within `candidates`) of the pole nearest the unit circle; first one wins ties, as `argmin`.
    private static func indexOfWorst(_ p: [ComplexValue], among candidates: [Int]) -> Int? {
        candidates.min { abs(1 - p[$0].magnitude) < abs(1 - p[$1].magnitude) }
    }

    private static func nearest(in z: [ComplexValue], to target: ComplexValue, realOnly: Bool) -> Int? {
        z.indices.filter { !realOnly || z[$0].im == 0 }.min { (z[$0] - target).magnitude < (z[$1] - target).magnitude }
    }

    /// `(1 − z1 q)(1 − z2 q) / (1 − p1 q)(1 − p2 q)` with `q = z⁻¹`, real parts kept (pairs are conjugate or both real).
    private static func section(zeros: (ComplexValue, ComplexValue), poles: (ComplexValue, ComplexValue)) -> Biquad {
        let zs = zeros.0 + zeros.1
        let zp = zeros.0 * zeros.1
        let ps = poles.0 + poles.1
        let pp = poles.0 * poles.1
        return Biquad(b0: 1, b1: -zs.re, b2: zp.re, a1: -ps.re, a2: pp.re)
    }
}
