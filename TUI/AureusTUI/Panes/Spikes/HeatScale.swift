/// Firing rate → glyph and colour role for the raster's rate column.
///
/// The scale is absolute and logarithmic (each step doubles), because cortical units span
/// ~0.5–100 Hz and an operator compares rows across time and streams, which a scale relative
/// to the current maximum would not allow. It reads without colour (bar height), and with
/// colour through three theme roles:
///
///     0 Hz " " · <1 ▁ · <2 ▂ · <4 ▃ (heat_low) · <8 ▄ · <16 ▅ · <32 ▆ (heat_mid) · <64 ▇ · ≥64 █ (heat_high)
public enum HeatScale {
    public static let glyphs: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// 0 for no spikes, else 1...8.
    public static func level(_ hertz: Float) -> Int {
        guard hertz.isFinite, hertz > 0 else { return 0 }
        var level = 1
        var bound: Float = 1
        while level < 8, hertz >= bound {
            level += 1
            bound *= 2
        }
        return level
    }

    public static func glyph(_ hertz: Float) -> Character { glyphs[level(hertz)] }

    public static func role(_ hertz: Float) -> ThemeRole {
        switch level(hertz) {
        case 0...3: .heatLow
        case 4...6: .heatMid
        default: .heatHigh
        }
    }
}
