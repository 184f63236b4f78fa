import AureusProtocol

/// The newest filtered waveforms per channel for `spikes.snippets`: `perChannel` snippets
/// each, overwritten oldest first, allocated once.
struct SnippetBank {
    let channels: Int
    let perChannel: Int
    let length: Int
    private var samples: [Float]
    private var sampleIndex: [Int64]
    private var written: [Int]

    init(channels: Int, perChannel: Int, length: Int) {
        self.channels = channels
        self.perChannel = perChannel
        self.length = length
        samples = Array(repeating: 0, count: channels * perChannel * length)
        sampleIndex = Array(repeating: 0, count: channels * perChannel)
        written = Array(repeating: 0, count: channels)
    }

    mutating func store(channel: Int, sample: Int64, waveform: UnsafeBufferPointer<Float>) {
        let slot = channel * perChannel + written[channel] % perChannel
        written[channel] += 1
        sampleIndex[slot] = sample
        let base = slot * length
        for index in 0..<min(length, waveform.count) { samples[base + index] = waveform[index] }
    }

    /// Newest first.
    func newest(channel: Int, count: Int) -> [SpikeSnippet] {
        let available = min(written[channel], perChannel, count)
        return (0..<available).map { back in
            let slot = channel * perChannel + (written[channel] - 1 - back) % perChannel
            return SpikeSnippet(sample: sampleIndex[slot], samples: Array(samples[(slot * length)..<((slot + 1) * length)]))
        }
    }
}
