/// Deterministic colour downgrade: truecolor → nearest xterm-256 → nearest of the 16 ANSI
/// colours → monochrome (where the role's `monoAttributes` carry the meaning instead).
///
/// "Nearest" is squared Euclidean distance in sRGB with ties broken by the lower index, so the
/// same theme always renders the same way (tests pin the results).
public enum ColorDowngrade {
    /// The RGB value xterm uses for each of the 256 indexes.
    public static func rgb(ofIndex index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return ansi16[i] }
        if i < 232 {
            let cube = i - 16
            return (cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
        }
        let grey = UInt8(8 + (i - 232) * 10)
        return (grey, grey, grey)
    }

    /// xterm's default 16-colour palette.
    static let ansi16: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0)
        let dg = Int(a.1) - Int(b.1)
        let db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }

    /// The nearest index in `candidates` (lowest index wins ties).
    private static func nearest(_ color: (UInt8, UInt8, UInt8), in candidates: Range<Int>) -> UInt8 {
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for index in candidates {
            let d = distance(color, rgb(ofIndex: UInt8(index)))
            if d < bestDistance {
                best = index
                bestDistance = d
            }
        }
        return UInt8(best)
    }

    /// Nearest of the 240 non-ANSI xterm colours (16–255); the ANSI 16 are skipped because
    /// terminals redefine them, so only the cube and grey ramp are predictable.
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 { nearest((r, g, b), in: 16..<256) }

    public static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 { nearest((r, g, b), in: 0..<16) }

    /// `color` as the terminal at `capability` can show it; nil means "no colour" (mono).
    public static func downgrade(_ color: Color, to capability: ColorCapability) -> Color? {
        switch (color, capability) {
        case (_, .monochrome): return nil
        case (.terminalDefault, _): return .terminalDefault
        case (.rgb, .truecolor): return color
        case (.rgb(let r, let g, let b), .xterm256): return .indexed(nearest256(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16): return .indexed(nearest16(r, g, b))
        case (.indexed(let index), .ansi16) where index >= 16:
            let (r, g, b) = rgb(ofIndex: index)
            return .indexed(nearest16(r, g, b))
        case (.indexed, _): return color
        }
    }
}
