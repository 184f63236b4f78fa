import AureusCore
import AureusProtocol
import Logging
import ServiceLifecycle

/// Polls Ollama's `/api/version`, `/api/tags` and `/api/ps` and publishes an
/// `OllamaSnapshot` (topic `ollama`) after each poll; backs off while Ollama is down.
///
/// It also holds the recent generations: `record(_:)` is the hook `OllamaClient.generate`
/// calls (pass `watcher.record` as the client's `recorder`), and every recorded generation
/// is published at once so tokens/s appear without waiting for the next poll.
public struct OllamaWatcher: Service {
    public let configuration: OllamaWatcherConfiguration
    /// The newest snapshot, for `ollama.snapshot`.
    public let latest: SnapshotCell<OllamaSnapshot>
    let clock: any WallClock
    let logger: Logger
    let publish: @Sendable (OllamaSnapshot) -> Void

    public init(
        configuration: OllamaWatcherConfiguration,
        clock: any WallClock,
        logger: Logger,
        publish: @escaping @Sendable (OllamaSnapshot) -> Void
    ) {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.publish = publish
        latest = SnapshotCell(
            OllamaSnapshot(
                time: clock.now(),
                baseURL: configuration.baseURL,
                state: configuration.enabled ? .starting : .down,
                reason: configuration.enabled ? nil : "Ollama watcher disabled in the server configuration"
            )
        )
    }

    /// A client for this watcher's Ollama whose generations land in the snapshot.
    public func makeClient() throws(OllamaError) -> OllamaClient {
        try OllamaClient(baseURL: configuration.baseURL, timeout: configuration.requestTimeout, clock: clock, recorder: record)
    }

    /// Records one generation's latency and tokens/s (the recording hook) and publishes.
    @Sendable public func record(_ stat: OllamaGenerationStat) {
        let limit = max(1, configuration.generationHistory)
        let snapshot = latest.update { snapshot in
            snapshot.generations.append(stat)
            if snapshot.generations.count > limit { snapshot.generations.removeFirst(snapshot.generations.count - limit) }
            return snapshot
        }
        publish(snapshot)
    }

    public func run() async throws {
        guard configuration.enabled else {
            try? await gracefulShutdown()
            return
        }
        let client: OllamaClient
        do { client = try makeClient() } catch {
            logger.error("Ollama watcher not started: \(error)")
            latest.update {
                $0.state = .down
                $0.reason = error.description
            }
            try? await gracefulShutdown()
            return
        }
        try? await cancelWhenGracefulShutdown { try await pollLoop(client) }
    }

    private func pollLoop(_ client: OllamaClient) async throws {
        var health = OllamaHealth(pollInterval: configuration.pollInterval, maximumBackoff: configuration.maximumBackoff)
        var tagsDue = ContinuousClock.now
        while !Task.isCancelled {
            let wantTags = ContinuousClock.now >= tagsDue || health.state != .up
            let poll = await Self.poll(client, tags: wantTags)
            if poll.installed != nil { tagsDue = ContinuousClock.now + configuration.tagsInterval }
            let action = health.receive(poll.outcome)
            let snapshot = latest.update { snapshot in
                snapshot.time = clock.now()
                snapshot.state = action.state
                snapshot.reason = action.reason
                snapshot.retryInMilliseconds = action.state == .down ? Self.milliseconds(action.nextPoll) : nil
                snapshot.latencyMilliseconds = poll.latency
                if let version = poll.version { snapshot.version = version }
                if action.state == .down {
                    snapshot.loaded = []
                } else {
                    if let loaded = poll.loaded { snapshot.loaded = loaded }
                    if let installed = poll.installed { snapshot.installed = installed }
                }
                return snapshot
            }
            publish(snapshot)
            if let line = action.log {
                if action.state == .up { logger.notice("\(line)") } else { logger.warning("\(line)") }
            }
            try await Task.sleep(for: action.nextPoll)
        }
    }

    struct Poll: Sendable {
        var outcome: OllamaHealth.Outcome
        var latency: Double?
        var version: String?
        var installed: [OllamaInstalledModel]?
        var loaded: [OllamaLoadedModel]?
    }

    /// One round: version first (is it there at all?), then ps and, when due, tags side by side.
    static func poll(_ client: OllamaClient, tags wantTags: Bool) async -> Poll {
        let started = ContinuousClock.now
        let version: String
        do { version = try await client.version() } catch { return Poll(outcome: .unreachable(reason: error.description)) }
        let latency = Double(milliseconds(ContinuousClock.now - started))
        async let tags = wantTags ? attempt { () async throws(OllamaError) in try await client.installed() } : nil
        async let ps = attempt { () async throws(OllamaError) in try await client.loaded() }
        let (installed, loaded) = await (tags, ps)
        var failures: [String] = []
        if case .failure(let error)? = installed { failures.append("/api/tags \(error)") }
        if case .failure(let error) = loaded { failures.append("/api/ps \(error)") }
        return Poll(
            outcome: .answered(latencyMilliseconds: latency, failures: failures),
            latency: latency,
            version: version,
            installed: try? installed?.get(),
            loaded: try? loaded.get()
        )
    }

    private static func attempt<T: Sendable>(_ body: () async throws(OllamaError) -> T) async -> Result<T, OllamaError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
