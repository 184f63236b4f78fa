import AureusProtocol

/// The recent spikes of one stream, in sample order, for the raster: what the `spikes` topic
/// and `spikes.snapshot` delivered, trimmed on every frame to the longest window the pane can
/// show (`SpikeWindow.keptSeconds`), so hours of streaming never grow memory.
///
/// Storage is one array with a moving start index; the dead prefix is dropped once it is more
/// than half the array, so trimming is amortised O(1) per spike and appends reuse capacity
/// (no allocation per frame in the steady state).
public struct SpikeWindow: Hashable, Sendable {
    /// One spike as the raster needs it (amplitude is not drawn): 16 bytes instead of 24.
    public struct Mark: Hashable, Sendable {
        public var sample: Int64
        public var channel: Int32
    }

    /// Seconds of spikes kept: the longest zoom step.
    public static let keptSeconds = 10.0

    public private(set) var stream: String
    public private(set) var sampleRate: Double
    public private(set) var channelCount: Int
    /// One past the newest sample any frame covered: the raster's right edge.
    public private(set) var endSample: Int64 = 0
    /// Firing rate per channel (Hz over the last second), from the newest frame that had them.
    public private(set) var rates: [Float] = []
    /// Spikes left out by the display budget, summed over the frames received.
    public private(set) var omitted = 0
    /// `time` of the newest frame: when its oldest spike was detected on the server.
    public private(set) var frameTime: Timestamp?
    private var storage: [Mark] = []
    private var head = 0

    public init(stream: String, sampleRate: Double, channelCount: Int) {
        self.stream = stream
        self.sampleRate = sampleRate
        self.channelCount = channelCount
    }

    /// Spikes held now (for tests and the memory bound).
    public var count: Int { storage.count - head }

    /// The oldest sample kept: `endSample` minus `keptSeconds` of samples.
    public var keptFromSample: Int64 { endSample - Self.samples(Self.keptSeconds, at: sampleRate) }

    static func samples(_ seconds: Double, at rate: Double) -> Int64 { Int64((seconds * max(rate, 1)).rounded()) }

    /// Adds a live frame. Frames normally arrive in sample order; an older (or unsorted) one is
    /// merged in place, and one far behind the window (a restarted source) starts the window again.
    public mutating func append(_ frame: SpikesFrame) {
        adopt(frame)
        if frame.toSample + Self.samples(Self.keptSeconds, at: sampleRate) < endSample { clear() }
        // Frames are in sample order; anything else (an older frame, a server that did not
        // sort) costs one sort of the live part instead of a wrong binary search.
        var inOrder = true
        var previous = count == 0 ? Int64.min : storage[storage.count - 1].sample
        for spike in frame.spikes {
            inOrder = inOrder && spike.sample >= previous
            previous = spike.sample
            storage.append(Mark(sample: spike.sample, channel: Int32(clamping: spike.channel)))
        }
        if !inOrder { sortLive() }
        endSample = max(endSample, frame.toSample)
        omitted += frame.omitted
        frameTime = frame.time
        trim()
    }

    /// Fills the window from a `spikes.snapshot` frame: its spikes replace whatever was held
    /// before its end (live frames may already cover the same range), later ones stay.
    public mutating func backfill(_ frame: SpikesFrame) {
        adopt(frame)
        let later = live.filter { $0.sample >= frame.toSample }
        storage.removeAll(keepingCapacity: true)
        head = 0
        for spike in frame.spikes where spike.sample < frame.toSample {
            storage.append(Mark(sample: spike.sample, channel: Int32(clamping: spike.channel)))
        }
        storage.append(contentsOf: later)
        endSample = max(endSample, frame.toSample)
        if frameTime == nil { frameTime = frame.time }
        trim()
    }

    /// The spikes with `from <= sample < to`, oldest first (binary search, then a slice: the
    /// cost of a redraw follows the spikes in the window, not the stream's history).
    public func marks(from: Int64, to: Int64) -> ArraySlice<Mark> {
        let lower = firstIndex(atOrAfter: from)
        let upper = firstIndex(atOrAfter: to)
        return storage[lower..<max(lower, upper)]
    }

    private var live: ArraySlice<Mark> { storage[head...] }

    private mutating func adopt(_ frame: SpikesFrame) {
        sampleRate = frame.sampleRate
        channelCount = frame.channelCount
        if let frameRates = frame.rates { rates = frameRates }
    }

    private mutating func clear() {
        storage.removeAll(keepingCapacity: true)
        head = 0
        endSample = 0
    }

    private mutating func sortLive() {
        var tail = Array(storage[head...])
        tail.sort { ($0.sample, $0.channel) < ($1.sample, $1.channel) }
        storage.replaceSubrange(head..., with: tail)
    }

    private mutating func trim() {
        head = firstIndex(atOrAfter: keptFromSample)
        if head > 1024, head * 2 > storage.count {
            storage.removeSubrange(0..<head)
            head = 0
        }
    }

    private func firstIndex(atOrAfter sample: Int64) -> Int {
        var low = head
        var high = storage.count
        while low < high {
            let middle = (low + high) / 2
            if storage[middle].sample < sample { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
