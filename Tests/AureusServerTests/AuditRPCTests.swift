import AureusProtocol
import Testing

@Suite("Audit over RPC")
struct AuditRPCTests {
    @Test func stateChangesAreAuditedStreamedAndVerifiable() async throws {
        try await TestServer.with { server in
            let watcher = try await server.connect(as: .admin)
            _ = try await watcher.call("subscribe", ["topics": ["audit"]]).get()
            let actor = try await server.connect(as: .admin)
            _ = try await actor.call("users.create", ["username": "carol", "password": "secret words", "role": "analyst"]).get()
            var streamed: JSONValue?
            while streamed == nil {
                let message = try await watcher.receiveJSON()
                if message["method"] == "event", message["params"]?["data"]?["action"] == "users.create" { streamed = message["params"] }
            }
            #expect(streamed?["topic"] == "audit")
            #expect(streamed?["data"]?["target"] == "carol")
            #expect(streamed?["data"]?["summary"]?["password"] == "[redacted]")
            let verify = try await actor.call("audit.verify").get()
            #expect(verify["ok"] == true)
            #expect((verify["checked"]?.intValue ?? 0) >= 3)
            await watcher.close()
            await actor.close()
        }
    }

    @Test func tailFiltersAndPages() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: .admin)
            for index in 0..<7 {
                _ = try await socket.call("users.create", ["username": .string("u\(index)"), "password": "long enough", "role": "viewer"]).get()
            }
            let first = try await socket.call("audit.tail", ["action": "users.create", "limit": 3]).get()
            let firstTargets = first["events"]?.arrayValue?.compactMap { $0["target"]?.stringValue }
            #expect(firstTargets == ["u6", "u5", "u4"])
            let cursor = try #require(first["nextCursor"])
            let second = try await socket.call("audit.tail", ["action": "users.create", "limit": 3, "cursor": cursor]).get()
            #expect(second["events"]?.arrayValue?.compactMap { $0["target"]?.stringValue } == ["u3", "u2", "u1"])
            let byActor = try await socket.call("audit.tail", ["actor": "nobody"]).get()
            #expect(byActor["events"]?.arrayValue?.isEmpty == true)
            #expect(try await socket.call("audit.tail", ["limit": 0]).failureCode == .invalidParams)
            await socket.close()
        }
    }

    @Test func deniedStateChangesAreAuditedToo() async throws {
        try await TestServer.with { server in
            let viewer = try await server.connect(as: .viewer)
            #expect(try await viewer.call("users.create", ["username": "x1", "password": "long enough", "role": "admin"]).failureCode == .forbidden)
            await viewer.close()
            let admin = try await server.connect(as: .admin)
            let tail = try await admin.call("audit.tail", ["action": "users.create", "actor": "user-viewer"]).get()
            #expect(tail["events"]?.arrayValue?.first?["outcome"] == "denied")
            await admin.close()
        }
    }
}

@Suite("HTTP health, readiness and metrics")
struct HealthTests {
    @Test func healthReadyMetrics() async throws {
        try await TestServer.with { server in
            let (health, healthBody) = try await server.get("/health")
            #expect(health == 200)
            #expect(healthBody.contains("ok"))
            let (ready, readyBody) = try await server.get("/ready")
            #expect(ready == 200)
            // The instance and its dependency states, for an operator with curl.
            #expect(readyBody.contains(#""dependencies":{"redis":"off","store":"up"}"#))
            #expect(readyBody.contains(#""instance":""#))
            let socket = try await server.connect(as: nil)
            _ = try await socket.call("server.hello").get()
            let (status, metrics) = try await server.get("/metrics")
            #expect(status == 200)
            #expect(metrics.contains("aureus_rpc_calls_total{method=\"server.hello\",outcome=\"ok\"}"))
            #expect(metrics.contains("aureus_ws_connections_open 1"))
            #expect(metrics.contains("aureus_http_requests_total"))
            #expect(metrics.contains("aureus_rpc_call_duration_seconds_bucket"))
            #expect(metrics.contains(#"aureus_dependency_up{dependency="store"} 1"#))
            await socket.close()
            let (missing, problem) = try await server.get("/nope")
            #expect(missing == 404)
            _ = problem
        }
    }

    @Test func subscribeRejectsUnknownTopics() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: .viewer)
            let result = try await socket.call("subscribe", ["topics": ["audit", "bogus"]])
            #expect(result.failureCode == .invalidParams)
            #expect(result.failureReason?.contains("bogus") == true)
            #expect(try await socket.call("subscribe", ["topics": ["audit"]]).get()["topics"] == ["audit"])
            await socket.close()
        }
    }
}
