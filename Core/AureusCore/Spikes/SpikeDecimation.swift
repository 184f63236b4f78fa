import AureusProtocol

/// Cuts a frame's spikes down to what one client can draw.
///
/// Detection never sees this: the server detects every spike, keeps every spike for snapshots
/// and summaries, and thins only the copy a connection receives. The kept spikes are spread
/// evenly through the frame (a fixed fractional stride in sample order), so a thinned raster
/// keeps the texture of the full one instead of showing only the first channels or the first
/// milliseconds.
public enum SpikeDecimation {
    /// Spikes one frame may carry for a connection that can draw `budgetPerSecond`, when the
    /// frame covers `wallSeconds` of wall-clock time shared by `streams` running sources.
    public static func allowance(budgetPerSecond: Int, wallSeconds: Double, streams: Int) -> Int {
        guard budgetPerSecond > 0 else { return 0 }
        let seconds = min(max(wallSeconds, 0.01), 1)
        return max(1, Int((Double(budgetPerSecond) * seconds / Double(max(streams, 1))).rounded(.down)))
    }

    /// At most `allowed` of `marks`, evenly spread, in their original order.
    public static func thin(_ marks: [SpikeMark], allowed: Int) -> [SpikeMark] {
        guard marks.count > allowed else { return marks }
        guard allowed > 0 else { return [] }
        let stride = Double(marks.count) / Double(allowed)
        var kept: [SpikeMark] = []
        kept.reserveCapacity(allowed)
        for index in 0..<allowed {
            kept.append(marks[min(marks.count - 1, Int(Double(index) * stride))])
        }
        return kept
    }

    /// The frame as a connection with `allowed` spikes receives it: thinned, with the
    /// difference added to `omitted`.
    public static func frame(_ frame: SpikesFrame, allowed: Int) -> SpikesFrame {
        guard frame.spikes.count > allowed else { return frame }
        var thinned = frame
        thinned.spikes = thin(frame.spikes, allowed: allowed)
        thinned.omitted += frame.spikes.count - thinned.spikes.count
        return thinned
    }
}
