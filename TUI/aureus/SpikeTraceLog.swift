import AureusProtocol
import Glibc

/// `--trace-spikes FILE`: one line per drawn frame that showed new spikes, with the newest
/// and oldest `frame.time` drawn (wall-clock ms since the epoch: when the server detected the
/// frame's oldest spike) and the wall-clock ms when the draw finished:
///
///     frames=2 oldest_frame_ms=1795291200012 newest_frame_ms=1795291200061 drawn_ms=1795291200094
///
/// `drawn_ms − oldest_frame_ms` is the worst spike→screen latency of that draw (same clock
/// when server and client share a machine, as in the bench).
struct SpikeTraceLog: Sendable {
    let path: String

    /// Appends the line for one draw; nothing when no frame was new.
    func drawn(_ frameTimes: [Timestamp], at drawn: Timestamp) {
        guard let oldest = frameTimes.min(), let newest = frameTimes.max() else { return }
        let line =
            "frames=\(frameTimes.count) oldest_frame_ms=\(oldest.milliseconds) newest_frame_ms=\(newest.milliseconds) drawn_ms=\(drawn.milliseconds)\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return }
        _ = line.withCString { write(fd, $0, strlen($0)) }
        close(fd)
    }
}
