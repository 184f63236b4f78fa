/// The raster's time-window lengths, shortest first: `+` steps toward detail, `-` toward
/// overview. Ten seconds is the longest, and what `SpikeWindow` keeps.
public enum RasterZoom {
    public static let seconds: [Double] = [0.1, 0.25, 0.5, 1, 2, 5, 10]
    /// One second: about one dot column per 5–10 ms on a typical pane, fine enough for bursts.
    public static let defaultIndex = 3

    /// "0.1 s", "0.25 s", "1.0 s", "10 s": what the header shows.
    public static func label(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100).rounded())
        if hundredths >= 1000 { return "\(hundredths / 100) s" }
        if hundredths % 10 != 0 { return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s" }
        return "\(hundredths / 100).\(hundredths % 100 / 10) s"
    }
}
