/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast, seedable generator, so synthetic recordings are identical on
/// every machine and run. Not for cryptography.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { self.state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1], never 0, so `log` of it is finite.
    public mutating func nextUnitInterval() -> Double {
        (Double(next() >> 11) + 1) * 0x1.0p-53
    }

    /// Standard normal deviate (Box–Muller; the second value is discarded to keep the state simple).
    public mutating func nextGaussian() -> Double {
        let u1 = nextUnitInterval()
        let u2 = nextUnitInterval()
        return (-2 * PlatformMath.log(u1)).squareRoot() * PlatformMath.cos(2 * Double.pi * u2)
    }

    /// Exponential deviate with the given mean.
    public mutating func nextExponential(mean: Double) -> Double {
        -mean * PlatformMath.log(nextUnitInterval())
    }
}
