import AureusSpikes

/// Cuts `pre + post` filtered samples around events, which needs samples that arrive after
/// the event was reported: the last blocks are kept in a frame ring and a request waits
/// until its `post` samples are in. At most one snippet per channel per `minimumGap`
/// samples is cut, so a 1,024-channel stream spends a bounded share of its time here.
struct SnippetCutter {
    let channels: Int
    let pre: Int
    let post: Int
    let minimumGap: Int64
    private var ring: [Float]
    private let ringFrames: Int
    /// Absolute index of the next frame the ring receives.
    private var endFrame: Int64 = 0
    private var pending: [(channel: Int, sample: Int64)] = []
    private var lastCut: [Int64]
    private var scratch: [Float]

    init(channels: Int, pre: Int, post: Int, maxBlockFrames: Int, minimumGap: Int64) {
        self.channels = channels
        self.pre = pre
        self.post = post
        self.minimumGap = minimumGap
        ringFrames = maxBlockFrames + 2 * (pre + post)
        ring = Array(repeating: 0, count: ringFrames * channels)
        lastCut = Array(repeating: Int64.min / 2, count: channels)
        scratch = Array(repeating: 0, count: pre + post)
    }

    /// Adds one filtered block and its events; cuts every snippet now complete into `bank`.
    ///
    /// - Parameter firstSample: the stream index of the block's first frame (the zero-phase
    ///   filter hands blocks back a few milliseconds late).
    mutating func add(filtered block: UnsafeBufferPointer<Float>, firstSample: Int64, events: [SpikeEvent], into bank: inout SnippetBank) {
        let frames = min(block.count / channels, ringFrames)
        let skipped = block.count / channels - frames
        for frame in 0..<frames {
            let row = Int((firstSample + Int64(skipped + frame)) % Int64(ringFrames)) * channels
            let source = (skipped + frame) * channels
            for channel in 0..<channels { ring[row + channel] = block[source + channel] }
        }
        endFrame = firstSample + Int64(skipped + frames)
        for event in events where event.sampleIndex - lastCut[event.channel] >= minimumGap {
            lastCut[event.channel] = event.sampleIndex
            pending.append((event.channel, event.sampleIndex))
        }
        // Requests still waiting for their `post` samples stay, compacted in place (no array
        // per block); the rest are cut, or dropped when the ring no longer holds their start.
        var kept = 0
        for index in pending.indices {
            let request = pending[index]
            if request.sample + Int64(post) > endFrame {
                pending[kept] = request
                kept += 1
            } else {
                cut(request, into: &bank)
            }
        }
        pending.removeLast(pending.count - kept)
    }

    private mutating func cut(_ request: (channel: Int, sample: Int64), into bank: inout SnippetBank) {
        let first = request.sample - Int64(pre)
        guard first >= endFrame - Int64(ringFrames), first >= 0 else { return }
        for offset in 0..<(pre + post) {
            let row = Int((first + Int64(offset)) % Int64(ringFrames)) * channels
            scratch[offset] = ring[row + request.channel]
        }
        scratch.withUnsafeBufferPointer { bank.store(channel: request.channel, sample: request.sample, waveform: $0) }
    }
}
