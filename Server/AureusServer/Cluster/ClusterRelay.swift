import AureusCore
import AureusProtocol
import AureusRedis
import Logging
import ServiceLifecycle
import Synchronization

/// Carries live topics between aureusd instances on one Redis, so a TUI connected to
/// instance A sees what instance B ingested, decided or detected.
///
/// Local clients never wait for Redis: ``EventBus`` delivers to them first and hands the event
/// here, where one task publishes in order. Every instance subscribes to the same channels and
/// drops its own messages by the origin id. While Redis is unreachable, events stay local, the
/// outbound buffer keeps only the newest, and the ``DependencyBoard`` shows `redis` degraded
/// until both the subscription and publishing work again.
struct ClusterRelay: Service {
    let fanOut: RedisFanOut
    let bus: EventBus
    let rates: RateTracker
    let board: DependencyBoard
    let logger: Logger
    /// How often ingestion counts are forwarded: the `rates` topic's own spacing.
    var ratesInterval: Duration = .milliseconds(250)
    /// Events waiting for Redis; beyond it the oldest are dropped (they are live views).
    static let outboundLimit = 4096

    /// The link's two halves: a degraded state shows until both work.
    private final class Link: Sendable {
        struct State {
            var subscribed = false
            var publishError: String?
            var subscribeError: String?
        }
        let state = Mutex(State())
    }

    func run() async throws {
        let (outbound, continuation) = AsyncStream.makeStream(of: RelayedEvent.self, bufferingPolicy: .bufferingNewest(Self.outboundLimit))
        let link = Link()
        rates.enableForwarding()
        bus.attach { continuation.yield($0) }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await receive(link: link) }
                group.addTask { await publish(outbound, link: link) }
                group.addTask {
                    while !Task.isCancelled {
                        do { try await Task.sleep(for: ratesInterval) } catch { return }
                        if let delta = rates.drainDelta() { continuation.yield(.rates(delta)) }
                    }
                }
            }
        }
        continuation.finish()
    }

    private func receive(link: Link) async {
        let instance = board.instance
        let messages = fanOut.subscribe(topics: RelayedEvent.channels) { error in
            link.state.withLock { state in
                state.subscribed = error == nil
                state.subscribeError = error.map { "\($0)" }
                // A fresh subscription means Redis is back: the next publish says otherwise if not.
                if error == nil { state.publishError = nil }
            }
            report(link)
        }
        for await message in messages {
            guard let (origin, event) = RelayedEvent.decode(channel: message.topic, message: message.payload) else {
                logger.debug("unreadable relay message", metadata: ["aureus.channel": "\(message.topic)"])
                continue
            }
            guard origin != instance else { continue }
            switch event {
            case .event(let topic, let json): bus.deliver(topic: topic, dataJSON: json)
            case .spikes(let relay): bus.deliverSpikes(relay.frame, wallSeconds: relay.wallSeconds, streams: relay.streams)
            case .rates(let delta): rates.merge(delta)
            }
        }
    }

    private func publish(_ outbound: AsyncStream<RelayedEvent>, link: Link) async {
        let origin = board.instance
        for await event in outbound {
            guard let payload = event.encoded(origin: origin) else { continue }
            let failure: String?
            do {
                try await fanOut.publish(topic: event.channel, payload: payload)
                failure = nil
            } catch {
                failure = "\(error)"
            }
            let changed = link.state.withLock { state in
                defer { state.publishError = failure }
                return (state.publishError == nil) != (failure == nil)
            }
            if changed { report(link) }
        }
    }

    private func report(_ link: Link) {
        let (subscribed, publishError, subscribeError) = link.state.withLock { ($0.subscribed, $0.publishError, $0.subscribeError) }
        if subscribed, publishError == nil {
            board.set(DependencyBoard.redis, .up)
        } else {
            let cause = publishError ?? subscribeError ?? "connecting"
            board.set(
                DependencyBoard.redis,
                .degraded,
                detail: "\(cause): live events stay on this instance, dedup falls back to the store"
            )
        }
    }
}
