import AureusCore
import AureusIngest
import AureusProtocol
import AureusRedis
import AureusServer
import AureusTestSupport
import Foundation
import Testing

/// Webhooks over real HTTP into a real server: every kind verified, committed and counted;
/// duplicates stored once; every refusal answered with its status and reason.
@Suite("Webhook ingestion over HTTP")
struct WebhookIngestTests {
    /// Creates a source through the RPC API and returns a signer for it.
    static func makeSource(_ admin: RawWebSocket, name: String, kind: WebhookKind) async throws -> WebhookSigner {
        let created = try await admin.call("sources.create", ["name": .string(name), "kind": .string(kind.rawValue)]).get()
        let secret = try #require(created["secret"]?.stringValue)
        return WebhookSigner(kind: kind, secret: try WebhookSecret(configured: secret, kind: kind))
    }

    static func post(_ server: TestServer, source: String, signer: WebhookSigner, seed: UInt64, time: Timestamp? = nil) async throws -> (Int, String)
    {
        let now = time ?? server.clock.now()
        let (body, eventID) = DemoPayloads.make(kind: signer.kind, seed: seed, time: now)
        return try await HTTPProbe.post(
            host: "127.0.0.1",
            port: server.port,
            path: "/v1/webhooks/\(source)",
            headers: signer.headers(body: body, eventID: eventID, time: now),
            body: body
        )
    }

    @Test(arguments: WebhookKind.allCases)
    func everyKindIsAcceptedOnceAndDeduplicated(kind: WebhookKind) async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let signer = try await Self.makeSource(admin, name: "src-\(kind.rawValue)", kind: kind)
            let (first, firstBody) = try await Self.post(server, source: "src-\(kind.rawValue)", signer: signer, seed: 42)
            #expect(first == 200, "\(firstBody)")
            #expect(firstBody.contains(#""duplicate":false"#))
            let (again, againBody) = try await Self.post(server, source: "src-\(kind.rawValue)", signer: signer, seed: 42)
            #expect(again == 200)
            #expect(againBody.contains(#""duplicate":true"#))
            let rates = try await admin.call("rates.snapshot").get()
            #expect(rates["totals"]?["stored"] == 1)
            #expect(rates["totals"]?["accepted"] == 2)
            #expect(rates["rejections"]?["duplicates"] == 1)
            #expect(rates["series"]?.arrayValue?.first?["source"] == .string("src-\(kind.rawValue)"))
            await admin.close()
        }
    }

    @Test func refusalsCarryStatusAndReason() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let signer = try await Self.makeSource(admin, name: "std", kind: .standard)
            let wrong = WebhookSigner(
                kind: .standard,
                secret: try WebhookSecret(configured: "whsec_" + String(repeating: "A", count: 44), kind: .standard)
            )
            let (badSignature, badBody) = try await Self.post(server, source: "std", signer: wrong, seed: 1)
            #expect(badSignature == 401)
            #expect(badBody.contains("no_matching_signature"))
            let (unknown, _) = try await Self.post(server, source: "nope", signer: signer, seed: 2)
            #expect(unknown == 404)
            let stale = server.clock.now().adding(milliseconds: -301_000)
            let (old, oldBody) = try await Self.post(server, source: "std", signer: signer, seed: 3, time: stale)
            #expect(old == 401)
            #expect(oldBody.contains("timestamp_outside_tolerance"))
            let junk = Array("not json".utf8)
            let (malformed, malformedBody) = try await HTTPProbe.post(
                host: "127.0.0.1",
                port: server.port,
                path: "/v1/webhooks/std",
                headers: signer.headers(body: junk, eventID: "evt-junk", time: server.clock.now()),
                body: junk
            )
            #expect(malformed == 400)
            #expect(malformedBody.contains("malformed_json"))
            let huge = [UInt8](repeating: 0x20, count: 300 * 1024)
            let (tooLarge, _) = try await HTTPProbe.post(host: "127.0.0.1", port: server.port, path: "/v1/webhooks/std", headers: [], body: huge)
            #expect(tooLarge == 413)
            _ = try await admin.call("sources.disable", ["name": "std"]).get()
            let (disabled, _) = try await Self.post(server, source: "std", signer: signer, seed: 4)
            #expect(disabled == 404)
            let rates = try await admin.call("rates.snapshot").get()
            #expect(rates["rejections"]?["authFailures"] == 2)
            #expect(rates["rejections"]?["unknownSource"] == 2)
            #expect(rates["rejections"]?["malformed"] == 1)
            #expect(rates["rejections"]?["tooLarge"] == 1)
            await admin.close()
        }
    }

    @Test func rotationKeepsTheOldSecretForTheGracePeriod() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let old = try await Self.makeSource(admin, name: "rot", kind: .terra)
            let rotated = try await admin.call("sources.rotate_secret", ["name": "rot", "graceSeconds": 60]).get()
            let newSecret = try #require(rotated["secret"]?.stringValue)
            let new = WebhookSigner(kind: .terra, secret: try WebhookSecret(configured: newSecret, kind: .terra))
            #expect(try await Self.post(server, source: "rot", signer: old, seed: 1).0 == 200)
            #expect(try await Self.post(server, source: "rot", signer: new, seed: 2).0 == 200)
            server.clock.advance(milliseconds: 61_000)
            // Past the grace period the cached source must not keep the old secret alive.
            #expect(try await Self.post(server, source: "rot", signer: old, seed: 3).0 == 401)
            #expect(try await Self.post(server, source: "rot", signer: new, seed: 4).0 == 200)
            await admin.close()
        }
    }

    @Test func ratesTopicStreamsAfterAcknowledgement() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let signer = try await Self.makeSource(admin, name: "hk", kind: .healthkit)
            let watcher = try await server.connect(as: .viewer)
            _ = try await watcher.call("subscribe", ["topics": ["rates"]]).get()
            #expect(try await Self.post(server, source: "hk", signer: signer, seed: 9).0 == 200)
            var snapshot: JSONValue?
            while snapshot == nil {
                let message = try await watcher.receiveJSON()
                if message["params"]?["topic"] == "rates" { snapshot = message["params"]?["data"] }
            }
            let metrics = snapshot?["series"]?.arrayValue?.compactMap { $0["metric"]?.stringValue }.sorted()
            #expect(metrics == ["heart_rate", "spo2"])
            #expect(snapshot?["latest"]?.arrayValue?.count == 2)
            await watcher.close()
            await admin.close()
        }
    }

    @Test func ouraVerificationHandshake() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let created = try await admin.call("sources.create", ["name": "ring", "kind": "oura"]).get()
            let token = try #require(created["verificationToken"]?.stringValue)
            let (ok, body) = try await server.get("/v1/webhooks/ring?verification_token=\(token)&challenge=abc123")
            #expect(ok == 200)
            #expect(body.contains(#"{"challenge":"abc123"}"#))
            let (bad, _) = try await server.get("/v1/webhooks/ring?verification_token=wrong&challenge=abc123")
            #expect(bad == 401)
            await admin.close()
        }
    }

    @Test func fullQueueAnswers503WithRetryAfter() async throws {
        try await TestServer.with(ingestQueueCapacity: 0) { server in
            let admin = try await server.connect(as: .admin)
            let signer = try await Self.makeSource(admin, name: "busy", kind: .whoop)
            let (status, text) = try await Self.post(server, source: "busy", signer: signer, seed: 1)
            #expect(status == 503)
            #expect(text.lowercased().contains("retry-after: 1"))
            #expect(try await admin.call("rates.snapshot").get()["rejections"]?["overload"] == 1)
            await admin.close()
        }
    }

    /// A store that really fails (its table renamed away by another connection, as a botched
    /// migration or a restore would): deliveries get 503, the breaker opens and answers 503 with
    /// `Retry-After` without touching the store, then ingestion recovers by itself once the
    /// table is back and the open period has passed. Nothing acknowledged is lost.
    @Test func failingStoreOpensTheBreakerThenRecoversByItself() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let signer = try await Self.makeSource(admin, name: "flaky", kind: .whoop)
            #expect(try await Self.post(server, source: "flaky", signer: signer, seed: 1).0 == 200)
            let database = server.dataDirectory + "/aureus.sqlite"
            try await Shell.runOffPool("sqlite3", [database, "ALTER TABLE webhook_deliveries RENAME TO webhook_deliveries_away"])
            var statuses: [Int] = []
            for seed in 2...7 {
                let (status, text) = try await Self.post(server, source: "flaky", signer: signer, seed: UInt64(seed))
                statuses.append(status)
                if status == 503 { #expect(text.lowercased().contains("retry-after:"), "503 without Retry-After: \(text)") }
            }
            #expect(statuses.allSatisfy { $0 == 503 }, "a failing store must answer 503, got \(statuses)")
            // The breaker is open now: refused at once, with the wait until the next probe.
            let (openStatus, openText) = try await Self.post(server, source: "flaky", signer: signer, seed: 8)
            #expect(openStatus == 503 && openText.lowercased().contains("retry-after: 2"))
            // The table comes back; after the open period one probe goes through and closes it.
            try await Shell.runOffPool("sqlite3", [database, "ALTER TABLE webhook_deliveries_away RENAME TO webhook_deliveries"])
            server.clock.advance(milliseconds: 2_000)
            #expect(try await Self.post(server, source: "flaky", signer: signer, seed: 9).0 == 200)
            #expect(try await Self.post(server, source: "flaky", signer: signer, seed: 10).0 == 200)
            let stored = try await Shell.runOffPool("sqlite3", [database, "SELECT COUNT(*) FROM webhook_deliveries"])
            #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == "3", "exactly the three acknowledged deliveries are stored")
            // All of it is visible to Prometheus.
            let (_, metrics) = try await server.get("/metrics")
            #expect(metrics.contains(#"aureus_webhooks_total{outcome="stored"} 3"#))
            #expect(metrics.contains(#"aureus_webhooks_total{outcome="overload"} 7"#), "five store failures, then two refusals while open")
            #expect(metrics.contains("aureus_ingest_circuit_open"))
            #expect(metrics.contains("aureus_ingest_queue_depth"))
            #expect(metrics.contains(#"aureus_http_requests_total{path="/v1/webhooks/{source}",status="503"} 7"#))
            await admin.close()
        }
    }

    @Test func redisDedupAnswersCommittedIdsFromRedis() async throws {
        guard let url = try TestRedis.url() else { return }
        try await TestServer.with(redisURL: url) { server in
            let admin = try await server.connect(as: .admin)
            let signer = try await Self.makeSource(admin, name: "cached", kind: .whoop)
            let seed = UInt64.random(in: 1..<UInt64.max / 4)  // Redis outlives test runs: fresh ids
            #expect(try await Self.post(server, source: "cached", signer: signer, seed: seed).1.contains(#""duplicate":false"#))
            let (_, eventID) = DemoPayloads.make(kind: .whoop, seed: seed, time: server.clock.now())
            let redis = try RedisConnection(url: url)
            let key = "\(server.configuration.redisNamespace):dedup:1:\(eventID)"
            #expect(try await redis.send(["EXISTS", key]).int64Value == 1, "the committed id is not marked in Redis")
            #expect(try await Self.post(server, source: "cached", signer: signer, seed: seed).1.contains(#""duplicate":true"#))
            let rates = try await admin.call("rates.snapshot").get()
            #expect(rates["totals"]?["stored"] == 1)
            #expect(rates["rejections"]?["duplicates"] == 1)
            _ = try await redis.send(["DEL", key])
            await redis.close()
            await admin.close()
        }
    }
}
