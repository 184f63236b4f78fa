import AureusCore
import AureusProtocol
import AureusServer
import HTTPTypes
import Testing
import WSCore

@Suite("Authentication")
struct AuthTests {
    @Test func wrongPasswordIsRefusedAndAudited() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: nil)
            let result = try await socket.call("auth.login", ["username": "admin", "password": "not the password"])
            #expect(result.failureCode == .unauthenticated)
            _ = try await socket.call("auth.login", ["username": "admin", "password": .string(try server.adminPassword)]).get()
            let tail = try await socket.call("audit.tail", ["action": "auth.login"]).get()
            let outcomes = tail["events"]?.arrayValue?.compactMap { $0["outcome"]?.stringValue }
            #expect(outcomes == ["ok", "denied"])
            let summaries = tail["events"]?.arrayValue?.compactMap { $0["summary"]?["password"]?.stringValue }
            #expect(summaries == ["[redacted]", "[redacted]"])
            await socket.close()
        }
    }

    @Test func failedLoginsAreRateLimitedPerUser() async throws {
        try await TestServer.with(maxLoginFailures: 3) { server in
            let socket = try await server.connect(as: nil)
            for _ in 0..<3 {
                #expect(try await socket.call("auth.login", ["username": "admin", "password": "guess"]).failureCode == .unauthenticated)
            }
            let limited = try await socket.call("auth.login", ["username": "admin", "password": .string(try server.adminPassword)])
            #expect(limited.failureCode == .rateLimited)
            server.clock.advance(milliseconds: 61_000)
            #expect(try await socket.call("auth.login", ["username": "admin", "password": .string(try server.adminPassword)]).failureCode == nil)
            await socket.close()
        }
    }

    @Test func sessionExpiresAfterTTLWithoutActivity() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: .admin)
            #expect(try await socket.call("auth.whoami").failureCode == nil)
            server.clock.advance(milliseconds: 3_600_001)
            let expired = try await socket.call("auth.whoami")
            #expect(expired.failureCode == .unauthenticated)
            #expect(expired.failureReason?.contains("expired") == true)
            await socket.close()
        }
    }

    @Test func activitySlidesTheSession() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: .admin)
            for _ in 0..<4 {
                server.clock.advance(milliseconds: 2_000_000)
                #expect(try await socket.call("auth.whoami").failureCode == nil)
            }
            await socket.close()
        }
    }

    @Test func disabledUserLosesSessionAndCannotLogIn() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let viewer = try await server.connect(as: .viewer)
            #expect(try await viewer.call("auth.whoami").failureCode == nil)
            _ = try await admin.call("users.disable", ["username": "user-viewer"]).get()
            #expect(try await viewer.call("auth.whoami").failureCode == .unauthenticated)
            let again = try await RawWebSocket.connect(url: server.url)
            #expect(try await again.call("auth.login", ["username": "user-viewer", "password": "correct horse"]).failureCode == .unauthenticated)
            await admin.close()
            await viewer.close()
            await again.close()
        }
    }

    @Test func bearerTokenAtUpgradeAndAPITokens() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let created = try await admin.call("tokens.create", ["name": "script", "role": "viewer"]).get()
            let token = try #require(created["token"]?.stringValue)
            let id = try #require(created["info"]?["id"])
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(token)"
            let script = try await RawWebSocket.connect(url: server.url, headers: headers)
            let hello = try await script.call("server.hello").get()
            #expect(hello["user"]?["username"] == "admin")
            #expect(try await script.call("auth.whoami").get()["role"] == "viewer")
            #expect(try await script.call("users.list").failureCode == .forbidden)
            _ = try await admin.call("tokens.revoke", ["id": id]).get()
            #expect(try await script.call("auth.whoami").failureCode == .unauthenticated)
            await script.close()
            headers[.authorization] = "Bearer aus_not-a-real-token"
            await #expect(throws: (any Error).self) { _ = try await RawWebSocket.connect(url: server.url, headers: headers) }
            await admin.close()
        }
    }

    @Test func logoutEndsTheSession() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect(as: .admin)
            _ = try await socket.call("auth.logout").get()
            #expect(try await socket.call("auth.whoami").failureCode == .unauthenticated)
            await socket.close()
        }
    }
}
