import AureusCore
import AureusProtocol
import AureusServer
import NIOWebSocket
import Testing
import WSCore

/// Bad input over a real WebSocket: each gets the right JSON-RPC error, is counted, and the
/// connection keeps working afterwards.
@Suite("JSON-RPC edge cases over a live WebSocket")
struct RPCEdgeTests {
    @Test func malformedJSONGetsParseErrorAndConnectionSurvives() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: nil)
            try await socket.send("{\"jsonrpc\":\"2.0\",\"id\":1,")
            let reply = try await socket.receiveJSON()
            #expect(reply["error"]?["code"] == -32700)
            #expect(reply["id"] == .null)
            #expect(reply["error"]?["data"]?["reason"]?.stringValue?.contains("byte") == true)
            let hello = try await socket.call("server.hello").get()
            #expect(hello["protocolVersion"] == .string(ProtocolVersion.string))
            await socket.close()
            let (_, metrics) = try await server.get("/metrics")
            #expect(metrics.contains("aureus_rpc_rejected_total{reason=\"parse_error\"} 1"))
        }
    }

    @Test func unknownMethodAndBadParams() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: nil)
            let unknown = try await socket.call("no.such.method")
            #expect(unknown.failureCode == .methodNotFound)
            let badType = try await socket.call("auth.login", ["username": 5, "password": "x"])
            #expect(badType.failureCode == .invalidParams)
            #expect(badType.failureReason?.contains("username") == true)
            let missing = try await socket.call("auth.login", ["username": "admin"])
            #expect(missing.failureCode == .invalidParams)
            #expect(missing.failureReason?.contains("password") == true)
            try await socket.send(#"{"jsonrpc":"2.0","id":9,"method":"server.hello","params":[1,2]}"#)
            #expect(try await socket.receiveJSON()["error"]?["code"] == -32602)
            await socket.close()
        }
    }

    @Test func missingAuthIsUnauthenticated() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: nil)
            let result = try await socket.call("users.list")
            #expect(result.failureCode == .unauthenticated)
            await socket.close()
        }
    }

    @Test func batchesMixValidAndInvalidAndSkipNotifications() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: nil)
            try await socket.send(
                #"[{"jsonrpc":"2.0","id":1,"method":"server.ping"},{"jsonrpc":"2.0","method":"server.ping"},"#
                    + #"{"jsonrpc":"1.0","id":2,"method":"server.ping"},{"jsonrpc":"2.0","id":3,"method":"nope"}]"#
            )
            let reply = try await socket.receiveJSON()
            let items = try #require(reply.arrayValue)
            #expect(items.count == 3)
            #expect(items[0]["result"]?["time"] != nil)
            #expect(items[1]["error"]?["code"] == -32600)
            #expect(items[2]["error"]?["code"] == -32601)
            try await socket.send("[]")
            #expect(try await socket.receiveJSON()["error"]?["code"] == -32600)
            await socket.close()
        }
    }

    @Test func oversizeFrameClosesWith1009AndServerStaysHealthy() async throws {
        try await TestServer.with(maxFrameBytes: 64 * 1024) { server in
            let socket = try await server.connect(as: nil)
            let big =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server.ping\",\"params\":{\"pad\":\"" + String(repeating: "x", count: 70 * 1024) + "\"}}"
            try await socket.send(big)
            #expect(await socket.receive() == nil)
            let close = await socket.closeFrame()
            #expect(close?.closeCode == .messageTooLarge)
            let fresh = try await server.connect(as: nil)
            #expect(try await fresh.call("server.ping").get()["time"] != nil)
            await fresh.close()
            let (status, _) = try await server.get("/health")
            #expect(status == 200)
        }
    }

    @Test func garbageNeverCrashesTheServer() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: nil)
            let inputs = [
                "", " ", "null", "42", "\"x\"", "[1]", "{}", "{\"jsonrpc\":\"2.0\"}", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\"}", String(repeating: "[", count: 5000), "\u{0}\u{1}\u{2}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server.hello\",\"params\":{\"client\":\"\\ud800\"}}",
            ]
            for input in inputs {
                try await socket.send(input)
                var reply = try await socket.receiveJSON()
                if case .array(let items) = reply, let first = items.first { reply = first }  // a batch gets a batch reply
                #expect(reply["error"]?["code"]?.intValue != nil, "no error object for \(input.prefix(40))")
                #expect(reply["error"]?["data"]?["reason"]?.stringValue?.isEmpty == false)
            }
            #expect(try await socket.call("server.ping").get()["time"] != nil)
            await socket.close()
        }
    }
}

extension Result where Success == JSONValue, Failure == RPCError {
    var failureCode: RPCErrorCode? {
        if case .failure(let error) = self { return error.code }
        return nil
    }

    var failureReason: String? {
        if case .failure(let error) = self { return error.reason }
        return nil
    }
}
