import AureusProtocol

/// The `spikes.configure` budget: how many spikes per second are worth sending to a raster of
/// a given size, so a small pane (or a hidden one) does not pull the full stream.
///
/// A dot is one channel × one time bin; lighting it needs one spike, so the most a raster can
/// show distinctly is one spike per dot per window. The server thins all channels alike (it
/// does not know which rows are on screen), so the count is per *stream channel*, not per
/// visible row:
///
///     budget = 2 × dotColumns × channelCount / windowSeconds     (clamped to SpikesBudget.range)
///
/// The factor 2 is headroom for random thinning: with twice the dots' worth of spikes a bin
/// that had spikes almost always keeps one. A hidden pane asks for 0 (rates only).
/// For example 96 channels, 84 dot columns, 1 s window: 2 × 84 × 96 / 1 = 16,128 spikes/s.
public enum RasterBudget {
    public static func perSecond(dotColumns: Int, channelCount: Int, windowSeconds: Double) -> Int {
        guard dotColumns > 0, channelCount > 0, windowSeconds > 0 else { return 0 }
        let wanted = 2 * Double(dotColumns) * Double(channelCount) / windowSeconds
        let range = SpikesBudget.range
        return Int(min(Double(range.upperBound), max(Double(range.lowerBound), wanted.rounded(.up))))
    }
}
