import AureusCore
import AureusSpikes

/// Accumulates per-channel spike counts and amplitudes over windows of recording time and
/// hands back `spike_summaries` rows when a window closes.
struct SummaryWindow {
    let recording: String
    let channels: Int
    let windowFrames: Int64
    let sampleRate: Double
    /// Epoch milliseconds of frame 0.
    let originMilliseconds: Int64
    private var start: Int64 = 0
    private var counts: [Int64]
    private var amplitudeSums: [Double]

    init(recording: String, channels: Int, sampleRate: Double, windowSeconds: Double, originMilliseconds: Int64) {
        self.recording = recording
        self.channels = channels
        self.sampleRate = sampleRate
        windowFrames = max(1, Int64(windowSeconds * sampleRate))
        self.originMilliseconds = originMilliseconds
        counts = Array(repeating: 0, count: channels)
        amplitudeSums = Array(repeating: 0, count: channels)
    }

    mutating func add(_ events: [SpikeEvent]) {
        for event in events {
            counts[event.channel] += 1
            amplitudeSums[event.channel] += Double(event.amplitude)
        }
    }

    /// Rows for the window that ended at or before `processedFrames`, or nil while it is open.
    mutating func close(processedFrames: Int64) -> [SpikeSummaryRow]? {
        guard processedFrames >= start + windowFrames else { return nil }
        let startMilliseconds = originMilliseconds + Int64((Double(start) / sampleRate * 1000).rounded())
        let lengthMilliseconds = Int64((Double(windowFrames) / sampleRate * 1000).rounded())
        let rows = (0..<channels).map { channel in
            SpikeSummaryRow(
                recording: recording,
                channel: channel,
                windowStartMilliseconds: startMilliseconds,
                windowMilliseconds: lengthMilliseconds,
                spikeCount: counts[channel],
                meanAmplitudeMicrovolts: counts[channel] > 0 ? amplitudeSums[channel] / Double(counts[channel]) : nil
            )
        }
        start += windowFrames
        for channel in 0..<channels {
            counts[channel] = 0
            amplitudeSums[channel] = 0
        }
        return rows
    }
}
