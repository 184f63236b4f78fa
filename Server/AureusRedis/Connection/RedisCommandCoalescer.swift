import Synchronization

/// Gathers the commands that concurrent tasks send while a round trip is in flight and sends
/// them together as the next pipeline. Under load, N callers cost one thread-pool hop and one
/// round trip instead of N; when idle, a command goes out at once, so nothing waits on a timer.
///
/// Why: ``RedisConnection`` serialises commands on one mutex and holds a pool thread for every
/// caller queued behind it. With two dedup commands per webhook, those hops (not Redis) were
/// what capped ingest at a few thousand requests a second.
///
/// ```swift
/// let redis = RedisCommandCoalescer(connection: try RedisConnection(url: "redis://127.0.0.1:6379"))
/// let exists = try await redis.send(["EXISTS", "k"]).int64Value == 1
/// ```
public final class RedisCommandCoalescer: Sendable {
    public let connection: RedisConnection
    /// Most commands in one pipeline, so a burst cannot build one unbounded write.
    public let maxPipeline: Int
    private let state = Mutex(State())
    private let sentPipelines = Atomic<Int>(0)

    private struct Pending: Sendable {
        let arguments: [[UInt8]]
        let continuation: CheckedContinuation<Result<RedisValue, RedisError>, Never>
    }

    private struct State: ~Copyable {
        var pending: [Pending] = []
        /// True while a drain task owns the connection; new commands only queue.
        var draining = false
    }

    public init(connection: RedisConnection, maxPipeline: Int = 512) {
        self.connection = connection
        self.maxPipeline = max(1, maxPipeline)
    }

    /// Pipelines sent so far (each one round trip); fewer than commands sent means coalescing worked.
    public var pipelinesSent: Int { sentPipelines.load(ordering: .relaxed) }

    /// Sends one command in the next pipeline and returns its own reply.
    /// - Throws: ``RedisError`` with `.errorReply` for this command's error reply, or the
    ///   connection error that failed the whole pipeline.
    @discardableResult
    public func send(_ arguments: [String]) async throws(RedisError) -> RedisValue {
        let bytes = arguments.map { Array($0.utf8) }
        let result = await withCheckedContinuation { continuation in
            let startDrain = state.withLock { state in
                state.pending.append(Pending(arguments: bytes, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            // Unstructured on purpose: the drain serves every queued caller, so it must not
            // belong to (or be cancelled with) whichever caller happened to start it.
            if startDrain { Task { await self.drain() } }
        }
        let value = try result.get()
        if case .error(let message) = value { throw RedisError(.errorReply, message) }
        return value
    }

    /// Sends what is queued, pipeline by pipeline, until the queue is empty.
    private func drain() async {
        while true {
            let batch: [Pending] = state.withLock { state in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(maxPipeline, state.pending.count)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return batch
            }
            guard !batch.isEmpty else { return }
            sentPipelines.add(1, ordering: .relaxed)
            do throws(RedisError) {
                let replies = try await connection.pipeline(batch.map(\.arguments))
                for (pending, reply) in zip(batch, replies) { pending.continuation.resume(returning: .success(reply)) }
            } catch {
                for pending in batch { pending.continuation.resume(returning: .failure(error)) }
            }
        }
    }
}
