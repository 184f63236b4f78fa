import AureusCore
import AureusProtocol
import AureusSpikes
import Logging
import ServiceLifecycle
import Synchronization

/// `neural.sources.*` and `spikes.*`: starts and stops neural sources, answers snapshots and
/// snippets from their recent history, takes live binary frames, and writes per-window
/// summaries to the store (the `spike_summaries` dataset).
///
/// Runs as a service so that shutdown stops every source thread and drains the summary queue.
final class NeuralService: Service, Sendable {
    struct Limits: Sendable {
        var maxRunning = 8
        var maxChannels = 4_096
        var sampleRates: ClosedRange<Double> = 1_000...100_000
        var maxSpeed = 1_000.0
        /// Samples a synthetic recording may hold in memory (4 bytes each).
        var maxSyntheticSamples = 64 << 20
        /// Finished sources kept in the list.
        var keptFinished = 32
    }

    struct State {
        var runners: [String: NeuralRunner] = [:]
        var order: [String] = []
        var nextID = 1
    }

    let recordings: RecordingsDirectory
    let store: any SpikeSummaryStore
    let bus: EventBus
    let clock: any WallClock
    let metrics: ServerMetrics
    let logger: Logger
    let limits: Limits
    private let state = Mutex(State())
    private let summaries: AsyncStream<[SpikeSummaryRow]>
    private let summaryInput: AsyncStream<[SpikeSummaryRow]>.Continuation

    init(
        recordings: RecordingsDirectory,
        store: any SpikeSummaryStore,
        bus: EventBus,
        clock: any WallClock,
        metrics: ServerMetrics,
        logger: Logger,
        limits: Limits = Limits()
    ) {
        self.recordings = recordings
        self.store = store
        self.bus = bus
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        self.limits = limits
        // A store outage must not stall detection: beyond 256 pending windows the oldest go.
        (summaries, summaryInput) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(256))
    }

    /// Writes summary windows until shutdown, then stops every source.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            for await rows in self.summaries {
                do {
                    try await self.store.insertSpikeSummaries(rows)
                } catch {
                    self.logger.warning("spike summaries not stored", metadata: ["aureus.error": "\(error)"])
                }
            }
        }
        stopAll()
    }

    func stopAll() {
        let runners = state.withLock { Array($0.runners.values) }
        for runner in runners { runner.stop() }
        summaryInput.finish()
    }

    // MARK: Sources

    func start(_ params: NeuralSourceStartParams, caller: AuthenticatedSession) throws -> NeuralSourceInfo {
        let running = runningCount
        guard running < limits.maxRunning else {
            throw RPCError(.conflict, reason: "\(running) neural sources are running (the limit is \(limits.maxRunning)); stop one first")
        }
        let speed = params.speed ?? 1
        guard speed >= 0, speed <= limits.maxSpeed, speed.isFinite else {
            throw RPCError(.invalidParams, reason: "speed must be 0 (as fast as possible) or a multiple of real time up to \(Int(limits.maxSpeed))")
        }
        let (source, defaultName) = try makeSource(params)
        guard (1...limits.maxChannels).contains(source.channelCount) else {
            throw RPCError(.invalidParams, reason: "\(source.channelCount) channels: 1 to \(limits.maxChannels) are supported")
        }
        guard limits.sampleRates.contains(source.sampleRate) else {
            throw RPCError(
                .invalidParams,
                reason:
                    "sample rate \(source.sampleRate) Hz is outside \(Int(limits.sampleRates.lowerBound))–\(Int(limits.sampleRates.upperBound)) Hz"
            )
        }
        let detection = try Self.detection(params.detection, sampleRate: source.sampleRate)
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return "n-\(state.nextID)"
        }
        let runner = NeuralRunner(
            settings: .init(
                id: id,
                name: params.name ?? defaultName,
                kind: params.kind,
                speed: params.kind == .live ? 0 : speed,
                loop: params.kind == .live ? false : (params.loop ?? (params.kind == .synthetic)),
                startedBy: caller.username,
                startedAt: clock.now(),
                thresholdMultiplier: detection.threshold,
                polarity: detection.polarity,
                design: detection.design,
                zeroPhase: detection.zeroPhase,
                exclusion: detection.exclusion
            ),
            source: source
        )
        state.withLock { state in
            state.runners[id] = runner
            state.order.append(id)
            pruneFinished(&state)
        }
        let metrics = metrics
        let bus = bus
        let input = summaryInput
        runner.start(
            clock: clock,
            publish: { [weak self] frame, wallSeconds in
                metrics.neuralFrame(spikes: frame.spikes.count, samples: (frame.toSample - frame.fromSample) * Int64(frame.channelCount))
                bus.publishSpikes(frame, wallSeconds: wallSeconds, streams: self?.runningCount ?? 1)
            },
            summaries: { rows in input.yield(rows) },
            finished: { [logger] in logger.info("neural source ended", metadata: ["aureus.source": "\(id)"]) }
        )
        logger.info("neural source started", metadata: ["aureus.source": "\(id)", "aureus.kind": "\(params.kind.rawValue)"])
        return runner.info
    }

    func stop(_ id: String, caller: AuthenticatedSession) throws -> NeuralSourceInfo {
        guard let runner = state.withLock({ $0.runners[id] }) else { throw RPCError(.notFound, reason: "no neural source '\(id)'") }
        guard runner.settings.startedBy == caller.username || caller.role.includes(.admin) else {
            throw RPCError(.forbidden, reason: "only \(runner.settings.startedBy) or an admin may stop \(id)")
        }
        runner.stop()
        return runner.info
    }

    func list() -> NeuralSourceList {
        NeuralSourceList(sources: state.withLock { state in state.order.compactMap { state.runners[$0]?.info } })
    }

    var runningCount: Int { state.withLock { $0.runners.values.filter { $0.info.state == .running }.count } }

    private func pruneFinished(_ state: inout State) {
        let finished = state.order.filter { state.runners[$0]?.info.state != .running }
        for id in finished.dropLast(limits.keptFinished) {
            state.runners[id] = nil
            state.order.removeAll { $0 == id }
        }
    }

    // MARK: Spikes

    func snapshot(_ params: SpikesSnapshotParams) throws -> SpikesSnapshot {
        let sources = list().sources
        let seconds = params.seconds ?? 5
        guard (0.1...60).contains(seconds) else { throw RPCError(.invalidParams, reason: "seconds must be between 0.1 and 60") }
        let limit = min(max(params.limit ?? 100_000, 1), 100_000)
        let runner: NeuralRunner?
        if let stream = params.stream {
            guard let found = state.withLock({ $0.runners[stream] }) else { throw RPCError(.notFound, reason: "no neural source '\(stream)'") }
            runner = found
        } else {
            let all = state.withLock { state in state.order.compactMap { state.runners[$0] } }
            runner = all.first { $0.info.state == .running } ?? all.last
        }
        guard let runner else { return SpikesSnapshot(sources: sources, frame: nil) }
        let frame = runner.shared.withLock { shared in
            let to = shared.info.samplesProcessed
            let from = max(0, to - Int64(seconds * runner.sampleRate))
            let spikes = shared.history.since(from, limit: limit)
            let inWindow = shared.history.count(since: from)
            return SpikesFrame(
                stream: runner.settings.id,
                time: clock.now(),
                sampleRate: runner.sampleRate,
                channelCount: runner.channelCount,
                fromSample: from,
                toSample: to,
                spikes: spikes,
                omitted: inWindow - spikes.count,
                rates: shared.rates
            )
        }
        return SpikesSnapshot(sources: sources, frame: frame)
    }

    func snippets(_ params: SpikesSnippetsParams) throws -> SpikesSnippets {
        guard let runner = state.withLock({ $0.runners[params.stream] }) else {
            throw RPCError(.notFound, reason: "no neural source '\(params.stream)'")
        }
        guard (0..<runner.channelCount).contains(params.channel) else {
            throw RPCError(.invalidParams, reason: "channel \(params.channel) is outside 0..<\(runner.channelCount)")
        }
        let count = min(max(params.count ?? 8, 1), 64)
        let snippets = runner.shared.withLock { $0.snippets.newest(channel: params.channel, count: count) }
        return SpikesSnippets(
            stream: runner.settings.id,
            channel: params.channel,
            sampleRate: runner.sampleRate,
            preSamples: runner.snippetPre,
            snippets: snippets
        )
    }

    /// One binary WebSocket frame for a live source. Only the user who started the source
    /// may feed it.
    func accept(liveFrame bytes: [UInt8], caller: AuthenticatedSession) throws(RPCError) {
        let frame: NeuralStreamFrame
        do {
            frame = try NeuralStreamFrame.decode(bytes)
        } catch {
            metrics.neuralFrameRejected(reason: "malformed")
            throw RPCError(.invalidRequest, reason: "binary frame refused: \(error)")
        }
        guard let runner = state.withLock({ $0.runners[frame.sourceID] }), let live = runner.live else {
            metrics.neuralFrameRejected(reason: "unknown_source")
            throw RPCError(.notFound, reason: "no live neural source '\(frame.sourceID)'")
        }
        guard runner.settings.startedBy == caller.username else {
            metrics.neuralFrameRejected(reason: "forbidden")
            throw RPCError(.forbidden, reason: "live source \(frame.sourceID) belongs to \(runner.settings.startedBy)")
        }
        do {
            try live.push(frame)
        } catch {
            switch error {
            case .channelMismatch(let expected, let got):
                metrics.neuralFrameRejected(reason: "channels")
                throw RPCError(.invalidParams, reason: "frame has \(got) channels; source \(frame.sourceID) has \(expected)")
            case .backwards(let expected, let got):
                metrics.neuralFrameRejected(reason: "backwards")
                throw RPCError(.invalidParams, reason: "frame starts at \(got), before the next expected frame \(expected)")
            case .full:
                metrics.neuralFrameRejected(reason: "full")
                throw RPCError(.rateLimited, reason: "live source \(frame.sourceID) is 2 s behind; frame dropped")
            case .closed:
                metrics.neuralFrameRejected(reason: "closed")
                throw RPCError(.conflict, reason: "live source \(frame.sourceID) has stopped")
            }
        }
    }
}
