import Logging
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `SUBSCRIBE` session on its own connection and its own thread: hiredis' blocking
/// `redisGetReply` loop, bridged to a callback, reconnecting with ``ReconnectBackoff`` when Redis drops.
///
/// ``cancel()`` may come from any thread: it marks the session cancelled and `shutdown(2)`s the
/// socket, which wakes the blocked read; the loop thread then frees the context and finishes.
final class RedisSubscriber: Sendable {
    private struct Control {
        var cancelled = false
        /// The socket being read, published so `cancel()` can interrupt it; `nil` when none is open.
        var fileDescriptor: Int32?
    }

    private let configuration: RedisConfiguration
    private let channels: [String]
    private let logger: Logger
    private let control = Mutex(Control())

    init(configuration: RedisConfiguration, channels: [String], logger: Logger) {
        self.configuration = configuration
        self.channels = channels
        self.logger = logger
    }

    /// Starts the loop on a dedicated thread; `deliver` gets `(channel, payload)` for each message,
    /// `finish` runs once when the loop ends after ``cancel()``.
    func start(
        deliver: @escaping @Sendable (String, [UInt8]) -> Void,
        link: @escaping @Sendable (RedisError?) -> Void = { _ in },
        finish: @escaping @Sendable () -> Void
    ) {
        // Bridge from a blocking C loop to async code: a one-thread pool owned by this session,
        // because a subscriber parks its thread for the whole subscription (the shared pool is not for that).
        let thread = NIOThreadPool(numberOfThreads: 1)
        thread.start()
        thread.submit { state in
            if case .active = state { self.run(deliver: deliver, link: link) }
            finish()
            thread.shutdownGracefully { _ in }
        }
    }

    /// Stops the session; safe to call more than once and from any thread.
    func cancel() {
        control.withLock { control in
            control.cancelled = true
            if let fd = control.fileDescriptor { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    private var isCancelled: Bool { control.withLock { $0.cancelled } }

    private func run(deliver: (String, [UInt8]) -> Void, link: (RedisError?) -> Void) {
        var backoff = ReconnectBackoff()
        var failed = false
        while !isCancelled {
            do throws(RedisError) {
                let context = try HiredisContext.open(configuration)
                defer {
                    control.withLock { $0.fileDescriptor = nil }
                    context.close()
                }
                guard publish(context.fileDescriptor) else { return }
                _ = try context.command([Array("SUBSCRIBE".utf8)] + channels.map { Array($0.utf8) })
                backoff.reset()
                link(nil)
                if failed {
                    failed = false
                    logger.info("redis subscriber resubscribed", metadata: ["aureus.redis.channels": "\(channels)"])
                }
                while true {
                    let reply = try context.nextReply()
                    // ["message", channel, payload]; subscribe confirmations for later channels are skipped.
                    guard let items = reply.arrayValue, items.count == 3, items[0].stringValue == "message",
                        let channel = items[1].stringValue, let payload = items[2].bytesValue
                    else { continue }
                    deliver(channel, payload)
                }
            } catch {
                if isCancelled { return }
                link(error)
                let delay = backoff.nextDelay()
                if !failed {
                    failed = true
                    logger.warning("redis subscriber lost its connection; retrying", metadata: ["aureus.error": "\(error)"])
                }
                sleepUnlessCancelled(delay)
            }
        }
    }

    /// Makes the socket interruptible; `false` when cancel() already happened (nothing to read then).
    private func publish(_ fileDescriptor: Int32?) -> Bool {
        control.withLock { control in
            guard !control.cancelled else { return false }
            control.fileDescriptor = fileDescriptor
            return true
        }
    }

    /// Waits out a backoff on the subscriber's own thread in short steps, so cancel() is seen within 20 ms.
    private func sleepUnlessCancelled(_ delay: Duration) {
        let step = Duration.milliseconds(20)
        var left = delay
        while left > .zero, !isCancelled {
            let chunk = min(step, left)
            let (seconds, attoseconds) = chunk.components
            var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            _ = nanosleep(&request, nil)
            left -= chunk
        }
    }
}
