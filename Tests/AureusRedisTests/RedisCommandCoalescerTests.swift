import AureusRedis
import Testing

@Suite("RedisCommandCoalescer against a real redis-server", .serialized, .enabled(if: RedisTestServer.isEnabled))
struct RedisCommandCoalescerTests {
    @Test func pipelineRepliesComeBackInOrderWithErrorsInTheirSlot() async throws {
        let redis = try RedisTestServer.connection()
        let key = RedisTestServer.uniqueName("pipeline")
        let replies = try await redis.pipeline([
            [Array("SET".utf8), Array(key.utf8), Array("text".utf8)],
            [Array("INCR".utf8), Array(key.utf8)],
            [Array("GET".utf8), Array(key.utf8)],
            [Array("DEL".utf8), Array(key.utf8)],
        ])
        #expect(replies.count == 4)
        #expect(replies[0] == .status("OK"))
        guard case .error(let message) = replies[1] else {
            Issue.record("INCR of text must be an error reply in its own slot, got \(replies[1])")
            return
        }
        #expect(message.hasPrefix("ERR value is not an integer"))
        #expect(replies[2].stringValue == "text")
        #expect(replies[3] == .integer(1))
        // The connection is still in step: the next command gets its own reply.
        #expect(try await redis.send(["PING"]) == .status("PONG"))
    }

    @Test func concurrentCallersShareRoundTripsAndEachGetsItsOwnReply() async throws {
        let coalescer = RedisCommandCoalescer(connection: try RedisTestServer.connection())
        let key = RedisTestServer.uniqueName("coalesce")
        let callers = 200
        // Hold the connection for a second so every caller below queues behind one round trip.
        async let blocker = coalescer.send(["BLPOP", key + ":never", "1"])
        try await Task.sleep(for: .milliseconds(100))
        let replies = try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<callers {
                group.addTask { try #require(try await coalescer.send(["INCR", key]).int64Value) }
            }
            return try await group.reduce(into: [Int64]()) { $0.append($1) }
        }
        #expect(try await blocker == .null)
        // INCR is not idempotent: 200 distinct answers 1...200 prove each caller got its own reply.
        #expect(Set(replies) == Set(1...Int64(callers)))
        #expect(coalescer.pipelinesSent < 10, "200 queued commands took \(coalescer.pipelinesSent) round trips")
        try await coalescer.send(["DEL", key])
    }

    @Test func anErrorReplyFailsOnlyItsOwnCaller() async throws {
        let coalescer = RedisCommandCoalescer(connection: try RedisTestServer.connection())
        let key = RedisTestServer.uniqueName("coalesce-error")
        try await coalescer.send(["SET", key, "text"])
        let bad = Task { try await coalescer.send(["INCR", key]) }
        let good = Task { try await coalescer.send(["GET", key]) }
        let error = await #expect(throws: RedisError.self) { try await bad.value }
        #expect(error?.code == .errorReply)
        #expect(try await good.value.stringValue == "text")
        try await coalescer.send(["DEL", key])
    }

    @Test func anUnreachableServerFailsEveryCallerWithAConnectionError() async throws {
        let coalescer = RedisCommandCoalescer(
            connection: RedisConnection(configuration: try RedisTestServer.closedPortConfiguration(), logger: RedisTestServer.logger)
        )
        let errors = await withTaskGroup(of: RedisError?.self) { group in
            for index in 0..<20 {
                group.addTask {
                    do throws(RedisError) {
                        try await coalescer.send(["SET", "k\(index)", "v"])
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            return await group.reduce(into: [RedisError?]()) { $0.append($1) }
        }
        #expect(errors.count == 20)
        #expect(errors.allSatisfy { $0?.isConnectionError == true })
    }
}
