import AureusCore
import AureusIngest
import AureusProtocol
import AureusServer
import AureusTestSupport
import Foundation
import Testing

/// Webhooks answered on the event loop share connections with everything the router answers:
/// pipelined requests come back in request order whichever side answers them, a keep-alive
/// connection carries on after a webhook (and after a refused one), and `Connection: close` is
/// honoured.
@Suite("Webhook fast path on shared connections")
struct WebhookPipeliningTests {
    static func webhook(_ signer: WebhookSigner, source: String, seed: UInt64, now: Timestamp, close: Bool = false) -> (request: [UInt8], id: String)
    {
        let (body, eventID) = DemoPayloads.make(kind: signer.kind, seed: seed, time: now)
        let headers = signer.headers(body: body, eventID: eventID, time: now) + [("Content-Type", "application/json")]
        return (HTTPProbe.request("POST", "/v1/webhooks/\(source)", headers: headers, body: body, close: close), eventID)
    }

    @Test("pipelined webhooks, GETs and refusals on one connection are answered in request order")
    func pipelinedRequestsKeepTheirOrder() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            let signer = try await WebhookIngestTests.makeSource(admin, name: "piped", kind: .standard)
            // The first webhook loads the source into the cache, so the ones below are taken on the event loop.
            let (warm, _) = try await WebhookIngestTests.post(server, source: "piped", signer: signer, seed: 1)
            #expect(warm == 200)
            let now = server.clock.now()
            let first = Self.webhook(signer, source: "piped", seed: 2, now: now)
            let second = Self.webhook(signer, source: "piped", seed: 3, now: now)
            let unknown = Self.webhook(signer, source: "nosuch", seed: 4, now: now)
            let replies = try await HTTPProbe.pipelined(
                host: "127.0.0.1",
                port: server.port,
                [
                    first.request,  // taken on the event loop
                    HTTPProbe.request("GET", "/health"),  // arrives while the first waits for its commit: held, then passed on
                    second.request,  // behind an unanswered router request: passed on to the router's route
                    unknown.request,
                    first.request,  // the same delivery again
                    HTTPProbe.request("GET", "/ready", close: true),
                ]
            )
            #expect(replies.map(\.status) == [200, 200, 200, 404, 200, 200], "\(replies.map(\.head))")
            guard replies.count == 6 else { return }
            #expect(replies[0].body.contains(first.id) && replies[0].body.contains(#""duplicate":false"#))
            #expect(replies[1].body.contains("ok"), "\(replies[1].body)")
            #expect(replies[2].body.contains(second.id) && replies[2].body.contains(#""duplicate":false"#))
            #expect(replies[3].body.contains("no enabled webhook source named 'nosuch'"))
            #expect(replies[4].body.contains(first.id) && replies[4].body.contains(#""duplicate":true"#))
            #expect(!replies[0].head.lowercased().contains("connection: close"))
            // The event loop's answer carries the headers the router's do.
            #expect(replies[0].head.lowercased().contains("date: ") && replies[0].head.lowercased().contains(" gmt"), "\(replies[0].head)")
            #expect(replies[0].head.lowercased().contains("server: aureusd"))
            let rates = try await admin.call("rates.snapshot").get()
            #expect(rates["totals"]?["stored"] == 3)
            await admin.close()
        }
    }

    @Test("an oversized webhook is refused with 413 and the connection serves the next request")
    func oversizedWebhookKeepsTheConnection() async throws {
        try await TestServer.with(
            configure: { $0.maxWebhookBodyBytes = 4_096 },
            { server in
                let admin = try await server.connect(as: .admin)
                let signer = try await WebhookIngestTests.makeSource(admin, name: "big", kind: .standard)
                let (warm, _) = try await WebhookIngestTests.post(server, source: "big", signer: signer, seed: 1)
                #expect(warm == 200)
                let now = server.clock.now()
                let after = Self.webhook(signer, source: "big", seed: 2, now: now, close: true)
                let oversized = HTTPProbe.request("POST", "/v1/webhooks/big", body: Array(repeating: UInt8(ascii: "x"), count: 20_000))
                let replies = try await HTTPProbe.pipelined(host: "127.0.0.1", port: server.port, [oversized, after.request])
                #expect(replies.map(\.status) == [413, 200], "\(replies.map(\.head))")
                guard replies.count == 2 else { return }
                #expect(replies[0].head.lowercased().contains("application/problem+json"))
                #expect(replies[0].body.contains("the body exceeds 4096 bytes"))
                #expect(replies[1].body.contains(after.id))
                #expect(replies[1].head.lowercased().contains("connection: close"))
                let rates = try await admin.call("rates.snapshot").get()
                #expect(rates["rejections"]?["tooLarge"] == 1, "\(rates["rejections"] ?? .null)")
                await admin.close()
            }
        )
    }
}
