import AureusRedis
import Testing

@Suite("RedisConnection against a real redis-server", .serialized, .enabled(if: RedisTestServer.isEnabled))
struct RedisConnectionTests {
    @Test func setGetAndIncrement() async throws {
        let redis = try RedisTestServer.connection()
        let key = RedisTestServer.uniqueName("setget")

        #expect(try await redis.send(["SET", key, "hello world"]) == .status("OK"))
        #expect(try await redis.send(["GET", key]).stringValue == "hello world")
        #expect(try await redis.send(["INCR", key + ":n"]) == .integer(1))
        #expect(try await redis.send(["INCRBY", key + ":n", "41"]) == .integer(42))
        #expect(try await redis.send(["GET", key + ":n"]).int64Value == 42)
        #expect(try await redis.send(["DEL", key, key + ":n"]) == .integer(2))
    }

    @Test func valuesAreBinarySafe() async throws {
        let redis = try RedisTestServer.connection()
        let key = RedisTestServer.uniqueName("binary with spaces\r\n")
        let value: [UInt8] = Array("a b\r\nc".utf8) + [0, 255, 0x0D, 0x0A, 0] + Array("$3\r\nend".utf8)

        #expect(try await redis.send(bytes: [Array("SET".utf8), Array(key.utf8), value]) == .status("OK"))
        #expect(try await redis.send(bytes: [Array("GET".utf8), Array(key.utf8)]) == .bulk(value))
        #expect(try await redis.send(["STRLEN", key]) == .integer(Int64(value.count)))
        #expect(try await redis.send(["SET", key, ""]) == .status("OK"))
        #expect(try await redis.send(["GET", key]) == .bulk([]))
        try await redis.send(["DEL", key])
    }

    @Test func missingKeyIsNull() async throws {
        let redis = try RedisTestServer.connection()
        let reply = try await redis.send(["GET", RedisTestServer.uniqueName("missing")])
        #expect(reply == .null)
        #expect(reply.isNull)
        #expect(reply.stringValue == nil)
    }

    @Test func arraysAndNestedValues() async throws {
        let redis = try RedisTestServer.connection()
        let key = RedisTestServer.uniqueName("list")
        try await redis.send(["RPUSH", key, "one", "", "three"])
        #expect(try await redis.send(["LRANGE", key, "0", "-1"]) == .array([.bulk(Array("one".utf8)), .bulk([]), .bulk(Array("three".utf8))]))
        #expect(try await redis.send(["MGET", key + ":absent", key + ":absent2"]) == .array([.null, .null]))
        try await redis.send(["DEL", key])
    }

    @Test func errorRepliesAreThrownAsErrorReply() async throws {
        let redis = try RedisTestServer.connection()
        let key = RedisTestServer.uniqueName("wrongtype")
        try await redis.send(["SET", key, "text"])
        let wrongType = await #expect(throws: RedisError.self) { try await redis.send(["INCR", key]) }
        #expect(wrongType?.code == .errorReply)
        #expect(wrongType?.message.hasPrefix("ERR value is not an integer") == true)
        #expect(wrongType?.isConnectionError == false)

        let unknown = await #expect(throws: RedisError.self) { try await redis.send(["NOSUCHCOMMAND", "x"]) }
        #expect(unknown?.code == .errorReply)
        #expect(unknown?.message.hasPrefix("ERR unknown command") == true)

        // The connection is still usable after error replies.
        #expect(try await redis.send(["GET", key]).stringValue == "text")
        try await redis.send(["DEL", key])
    }

    @Test func nestedErrorsStayValuesInsideTransactions() async throws {
        let redis = try RedisTestServer.connection()
        let key = RedisTestServer.uniqueName("multi")
        try await redis.send(["SET", key, "text"])
        try await redis.send(["MULTI"])
        try await redis.send(["INCR", key])
        try await redis.send(["GET", key])
        let results = try await redis.send(["EXEC"]).arrayValue
        #expect(results?.count == 2)
        if case .error(let message) = results?.first {
            #expect(message.hasPrefix("ERR value is not an integer"))
        } else {
            Issue.record("expected a nested error reply, got \(String(describing: results))")
        }
        #expect(results?.last == .bulk(Array("text".utf8)))
        try await redis.send(["DEL", key])
    }

    @Test func reconnectsOnTheNextCallAfterClientKill() async throws {
        let redis = try RedisTestServer.connection()
        let admin = try RedisTestServer.connection()
        let firstID = try #require(try await redis.send(["CLIENT", "ID"]).int64Value)
        #expect(try await admin.send(["CLIENT", "KILL", "ID", String(firstID)]) == .integer(1))

        let lost = await #expect(throws: RedisError.self) { try await redis.send(["PING"]) }
        #expect(lost?.code == .connectionLost)
        #expect(lost?.isConnectionError == true)

        #expect(try await redis.send(["PING"]) == .status("PONG"))
        let secondID = try #require(try await redis.send(["CLIENT", "ID"]).int64Value)
        #expect(secondID != firstID)
    }

    @Test func reconnectKeepsTheSelectedDatabase() async throws {
        var configuration = try RedisTestServer.configuration()
        configuration.database = 3
        let redis = RedisConnection(configuration: configuration, logger: RedisTestServer.logger)
        let admin = try RedisTestServer.connection()
        let key = RedisTestServer.uniqueName("db3")
        try await redis.send(["SET", key, "in three"])
        #expect(try await admin.send(["EXISTS", key]) == .integer(0))

        let id = try #require(try await redis.send(["CLIENT", "ID"]).int64Value)
        try await admin.send(["CLIENT", "KILL", "ID", String(id)])
        _ = try? await redis.send(["PING"])
        #expect(try await redis.send(["GET", key]).stringValue == "in three")
        try await redis.send(["DEL", key])
    }

    @Test func closedPortIsAConnectionFailure() async throws {
        let redis = RedisConnection(configuration: try RedisTestServer.closedPortConfiguration(), logger: RedisTestServer.logger)
        let error = await #expect(throws: RedisError.self) { try await redis.connect() }
        #expect(error?.code == .connectionFailed)
        // And again: each call retries rather than caching the failure forever.
        let again = await #expect(throws: RedisError.self) { try await redis.send(["PING"]) }
        #expect(again?.code == .connectionFailed)
    }

    @Test func wrongPasswordFailsToConnect() async throws {
        var configuration = try RedisTestServer.configuration()
        configuration.password = "definitely-not-the-password"
        let redis = RedisConnection(configuration: configuration, logger: RedisTestServer.logger)
        let error = await #expect(throws: RedisError.self) { try await redis.connect() }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("definitely-not-the-password") == false)
    }

    @Test func concurrentCallsAreSerialised() async throws {
        let redis = try RedisTestServer.connection()
        let key = RedisTestServer.uniqueName("concurrent")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask { try await redis.send(["INCR", key]) }
            }
            try await group.waitForAll()
        }
        #expect(try await redis.send(["GET", key]).int64Value == 50)
        try await redis.send(["DEL", key])
    }
}
