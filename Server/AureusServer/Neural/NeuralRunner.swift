import AureusCore
import AureusProtocol
import AureusSpikes
import Foundation
import Synchronization

/// One running neural source: a dedicated thread reads blocks, paces them to the requested
/// speed, detects spikes and publishes frames.
///
/// Detection runs on its own thread rather than a task, because it is steady CPU work that
/// must neither wait behind RPC handlers nor hold one of the cooperative pool's threads
/// (this VM has two). Everything other threads read (`info`, history, snippets, rates) sits
/// behind one mutex, taken once per block, never per spike.
final class NeuralRunner: Sendable {
    struct Settings: Sendable {
        var id: String
        var name: String
        var kind: NeuralSourceKind
        var speed: Double
        var loop: Bool
        var startedBy: String
        var startedAt: Timestamp
        var thresholdMultiplier: Float
        var polarity: SpikePolarity
        var design: ButterworthDesign
        var zeroPhase: Bool
        var exclusion: Bool
    }

    /// Read by RPC handlers.
    struct Shared {
        var info: NeuralSourceInfo
        var history: SpikeHistory
        var snippets: SnippetBank
        var rates: [Float]?
    }

    let settings: Settings
    let channelCount: Int
    let sampleRate: Double
    let snippetPre: Int
    let shared: Mutex<Shared>
    private let stopRequested = Atomic<Bool>(false)
    private let source: SourceHandle

    /// Hands the non-Sendable source to the run thread: the starter never touches it again
    /// after `init`, and `interrupt` is the only call made from other threads (documented as
    /// thread-safe on every `SampleBlockSource`).
    private final class SourceHandle: @unchecked Sendable {
        let source: any SampleBlockSource
        init(_ source: any SampleBlockSource) { self.source = source }
    }

    init(settings: Settings, source: any SampleBlockSource) {
        self.settings = settings
        self.channelCount = source.channelCount
        self.sampleRate = source.sampleRate
        self.source = SourceHandle(source)
        snippetPre = max(1, Int(source.sampleRate * 0.001))
        let snippetLength = snippetPre + max(1, Int(source.sampleRate * 0.0015))
        let info = NeuralSourceInfo(
            id: settings.id,
            name: settings.name,
            kind: settings.kind,
            state: .running,
            channelCount: source.channelCount,
            sampleRate: source.sampleRate,
            speed: settings.speed,
            loop: settings.loop,
            samplesProcessed: 0,
            spikesDetected: 0,
            detectorThroughput: 0,
            startedAt: settings.startedAt,
            startedBy: settings.startedBy
        )
        shared = Mutex(
            Shared(
                info: info,
                history: SpikeHistory(capacity: 500_000, span: Int64(60 * source.sampleRate)),
                snippets: SnippetBank(channels: source.channelCount, perChannel: 16, length: snippetLength),
                rates: nil
            )
        )
    }

    var info: NeuralSourceInfo { shared.withLock { $0.info } }

    /// The live source, for binary frames.
    var live: LiveBlockSource? { source.source as? LiveBlockSource }

    func stop() {
        stopRequested.store(true, ordering: .relaxed)
        source.source.interrupt()
    }

    /// Starts the thread. `publish` gets each frame with the wall seconds since the previous
    /// one; `summaries` gets closed windows; `finished` runs once when the thread ends.
    func start(
        clock: any WallClock,
        publish: @escaping @Sendable (SpikesFrame, Double) -> Void,
        summaries: @escaping @Sendable ([SpikeSummaryRow]) -> Void,
        finished: @escaping @Sendable () -> Void
    ) {
        let thread = Thread { [self] in
            var loop = NeuralRunLoop(runner: self, source: source.source, clock: clock, publish: publish, summaries: summaries)
            let (state, error) = loop.run()
            shared.withLock {
                $0.info.state = state
                $0.info.error = error
            }
            finished()
        }
        thread.name = "aureus-neural-\(settings.id)"
        thread.start()
    }

    var isStopRequested: Bool { stopRequested.load(ordering: .relaxed) }
}
