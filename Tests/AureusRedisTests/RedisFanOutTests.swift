import AureusRedis
import Testing

@Suite("RedisFanOut against a real redis-server", .serialized, .enabled(if: RedisTestServer.isEnabled))
struct RedisFanOutTests {
    /// Publishes until Redis reports a receiver: PUBLISH answers how many subscribers got the
    /// message, so this is the exact moment the other side's SUBSCRIBE took effect (no sleep).
    private func publishUntilReceived(_ fanOut: RedisFanOut, topic: String, payload: [UInt8]) async throws {
        let delivered = try await eventually { try await fanOut.publish(topic: topic, payload: payload) > 0 }
        #expect(delivered, "no subscriber appeared on \(topic)")
    }

    private func subscriberCount(_ topic: String) async throws -> Int64? {
        let reply = try await RedisTestServer.connection().send(["PUBSUB", "NUMSUB", "aureus:topic:" + topic])
        return reply.arrayValue?.last?.int64Value
    }

    @Test func roundTripBetweenTwoConnections() async throws {
        let publisher = RedisFanOut(connection: try RedisTestServer.connection(), logger: RedisTestServer.logger)
        let subscriber = RedisFanOut(connection: try RedisTestServer.connection(), logger: RedisTestServer.logger)
        let topic = RedisTestServer.uniqueName("events")
        let other = RedisTestServer.uniqueName("other")
        let payload: [UInt8] = Array("{\"id\":1}\r\n".utf8) + [0, 1, 2, 255]

        let received = try await withTimeout(.seconds(10)) {
            var messages = subscriber.subscribe(topics: [other, topic]).makeAsyncIterator()
            try await publishUntilReceived(publisher, topic: topic, payload: payload)
            try await publisher.publish(topic: other, payload: Array("second".utf8))
            try await publisher.publish(topic: RedisTestServer.uniqueName("unsubscribed"), payload: Array("never".utf8))
            try await publisher.publish(topic: topic, payload: Array("third".utf8))
            var received: [String] = []
            for _ in 0..<3 {
                guard let message = await messages.next() else { break }
                received.append(message.topic + "=" + String(decoding: message.payload, as: UTF8.self))
                if message.topic == topic && received.count == 1 { #expect(message.payload == payload) }
            }
            return received
        }
        #expect(received == [topic + "=" + String(decoding: payload, as: UTF8.self), other + "=second", topic + "=third"])
    }

    @Test func cancellationEndsTheStreamAndClosesTheConnection() async throws {
        let fanOut = RedisFanOut(connection: try RedisTestServer.connection(), logger: RedisTestServer.logger)
        let topic = RedisTestServer.uniqueName("cancel")
        let consumer = Task {
            var count = 0
            for await _ in fanOut.subscribe(topics: [topic]) { count += 1 }
            return count
        }
        try await publishUntilReceived(fanOut, topic: topic, payload: [1])
        consumer.cancel()
        let count = try await withTimeout(.seconds(5)) { await consumer.value }
        #expect(count <= 1)
        let closed = try await eventually { try await subscriberCount(topic) == 0 }
        #expect(closed, "the subscriber connection must close when its consumer is cancelled")
    }

    @Test func droppingTheStreamClosesTheConnection() async throws {
        let fanOut = RedisFanOut(connection: try RedisTestServer.connection(), logger: RedisTestServer.logger)
        let topic = RedisTestServer.uniqueName("dropped")
        do {
            let stream = fanOut.subscribe(topics: [topic])
            try await publishUntilReceived(fanOut, topic: topic, payload: [1])
            _ = stream
        }
        let closed = try await eventually { try await subscriberCount(topic) == 0 }
        #expect(closed, "the subscriber connection must close when nobody holds the stream")
    }

    @Test func resubscribesAfterTheConnectionIsKilled() async throws {
        var configuration = try RedisTestServer.configuration()
        let name = "aureus-test-\(UInt32.random(in: 1...UInt32.max))"
        configuration.clientName = name
        let fanOut = RedisFanOut(connection: RedisConnection(configuration: configuration), logger: RedisTestServer.logger)
        let admin = try RedisTestServer.connection()
        let topic = RedisTestServer.uniqueName("resubscribe")

        let received = try await withTimeout(.seconds(10)) {
            var messages = fanOut.subscribe(topics: [topic]).makeAsyncIterator()
            try await publishUntilReceived(fanOut, topic: topic, payload: Array("before".utf8))
            #expect(await messages.next()?.payload == Array("before".utf8))

            // Kill our subscriber (found by its client name, so parallel suites keep theirs);
            // it must notice, back off and subscribe again.
            let clients = try await admin.send(["CLIENT", "LIST", "TYPE", "pubsub"]).stringValue ?? ""
            let line = try #require(clients.split(separator: "\n").first { $0.split(separator: " ").contains("name=\(name)") })
            let id = try #require(line.split(separator: " ").first { $0.hasPrefix("id=") }?.dropFirst(3))
            #expect(try await admin.send(["CLIENT", "KILL", "ID", String(id)]) == .integer(1))
            try await publishUntilReceived(fanOut, topic: topic, payload: Array("after".utf8))
            return await messages.next()?.payload
        }
        #expect(received == Array("after".utf8))
    }

    @Test func emptyTopicListFinishesImmediately() async throws {
        let fanOut = RedisFanOut(connection: try RedisTestServer.connection(), logger: RedisTestServer.logger)
        var messages = fanOut.subscribe(topics: []).makeAsyncIterator()
        #expect(await messages.next() == nil)
    }
}
