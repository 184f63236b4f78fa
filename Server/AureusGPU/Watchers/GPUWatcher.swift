import AureusCore
import AureusProtocol
import Logging
import NIOPosix
import ServiceLifecycle

/// Polls the GPUs every `pollInterval` and publishes a `GPUSnapshot` (topic `gpu`): NVML
/// through `dlopen`, `nvidia-smi` as the fallback, "no NVIDIA driver" when there is neither.
///
/// NVML calls block, so sampling runs on a thread of the watcher's own (a one-thread
/// `NIOThreadPool`), never on Swift concurrency's cooperative pool. Polls are on a fixed
/// schedule, so a snapshot is never more than one interval old.
///
/// ```swift
/// let gpu = GPUWatcher(configuration: .init(), clock: clock, logger: logger) { bus.publish(topic: .gpu, data: $0) }
/// // in the ServiceGroup; RPC handlers read gpu.latest.get()
/// ```
public struct GPUWatcher: Service {
    public let configuration: GPUWatcherConfiguration
    /// The newest snapshot, for `gpu.snapshot`.
    public let latest: SnapshotCell<GPUSnapshot>
    let clock: any WallClock
    let logger: Logger
    let publish: @Sendable (GPUSnapshot) -> Void

    public init(
        configuration: GPUWatcherConfiguration,
        clock: any WallClock,
        logger: Logger,
        publish: @escaping @Sendable (GPUSnapshot) -> Void
    ) {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.publish = publish
        let interval = configuration.pollInterval.components
        let milliseconds = interval.seconds * 1000 + interval.attoseconds / 1_000_000_000_000_000
        latest = SnapshotCell(
            GPUSnapshot(
                time: clock.now(),
                state: configuration.enabled ? .starting : .noDriver,
                reason: configuration.enabled ? nil : "GPU watcher disabled in the server configuration",
                pollIntervalMilliseconds: milliseconds
            )
        )
    }

    public func run() async throws {
        guard configuration.enabled else {
            // A service that returns ends the group; a disabled watcher just waits for shutdown.
            try? await gracefulShutdown()
            return
        }
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        try? await cancelWhenGracefulShutdown { try await pollLoop(pool) }
        try? await pool.shutdownGracefully()
    }

    private func pollLoop(_ pool: NIOThreadPool) async throws {
        let probe = GPUProbe(configuration: configuration)
        var book = GPUHistoryBook()
        var reporter = GPUStateReporter()
        var due = ContinuousClock.now
        while !Task.isCancelled {
            let reading = try await pool.runIfActive { probe.read() }
            let previous = latest.get()
            var snapshot = previous
            snapshot.time = clock.now()
            snapshot.state = reading.state
            snapshot.source = reading.source
            snapshot.reason = reading.reason
            snapshot.driverVersion = reading.driverVersion
            snapshot.gpus = reading.state == .ok ? book.record(reading.devices) : []
            if reading.state != .ok { book = GPUHistoryBook() }
            latest.set(snapshot)
            // Readings move every poll; an unchanged "no driver" is not worth a frame per second.
            if reading.state == .ok || previous.state != snapshot.state || previous.reason != snapshot.reason {
                publish(snapshot)
            }
            switch reporter.receive(state: reading.state, reason: reading.reason, source: reading.source) {
            case .none: break
            case .notice(let text): logger.notice("\(text)", metadata: ["aureus.gpus": "\(snapshot.gpus.count)"])
            case .warning(let text): logger.warning("\(text)")
            }
            due += configuration.pollInterval
            let now = ContinuousClock.now
            if due < now { due = now + configuration.pollInterval }  // a slow poll: skip, do not burst
            try await Task.sleep(until: due)
        }
    }
}
