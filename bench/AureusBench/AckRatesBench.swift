import AureusClient
import AureusIngest
import AureusProtocol
import AureusTestSupport
import Foundation
import Logging
import Synchronization

/// `aureus-bench ack-rates --url … --password-file … --count 200 --interval-ms 300`: how long after
/// a webhook's 2xx a subscribed client holds a `rates` event that counts it. Posts signed WHOOP
/// webhooks one at a time, `interval` apart (below the topic's 4-per-second cap, so what is
/// measured is delivery, not the deliberate coalescing under load), while a second connection
/// watches `rates`; latency = first event whose `totals.accepted` includes the post − the
/// moment the 2xx was read (0 when the event beat the HTTP answer).
enum AckRatesBench {
    final class Events: Sendable {
        private let seen = Mutex<[(accepted: Int64, at: ContinuousClock.Instant)]>([])
        func record(_ accepted: Int64) { seen.withLock { $0.append((accepted, ContinuousClock.now)) } }
        func first(reaching accepted: Int64) -> ContinuousClock.Instant? { seen.withLock { $0.first { $0.accepted >= accepted }?.at } }
    }

    static func run(url: String, passwordFile: String, count: Int, intervalMilliseconds: Int) async throws {
        let logger = {
            var logger = Logger(label: "bench")
            logger.logLevel = .critical
            return logger
        }()
        let password = try String(contentsOfFile: passwordFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: url), let host = components.host, let port = components.port else {
            throw ClientError("cannot read host and port from \(url)")
        }
        let events = Events()
        let watcher = AureusConnection(url: url, token: nil, clientName: "bench-rates", logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await watcher.run() }
            group.addTask {
                for await event in watcher.events {
                    if case .event(let topic, let data) = event, topic == "rates", let accepted = data["totals"]?["accepted"]?.intValue {
                        events.record(Int64(accepted))
                    }
                }
            }
            defer { group.cancelAll() }
            try await ApprovalsBench.waitConnected(watcher)
            let _: SessionResult = try await watcher.call("auth.login", LoginParams(username: "admin", password: password))
            let name = "bench-rates-\(Int(Date().timeIntervalSince1970) % 100_000)"
            let created = try await watcher.callRaw("sources.create", params: ["name": .string(name), "kind": "whoop"])
            guard let secretText = created["secret"]?.stringValue else { throw ClientError("sources.create returned no secret") }
            let signer = WebhookSigner(kind: .whoop, secret: try WebhookSecret(configured: secretText, kind: .whoop))
            let before: RatesSnapshot = try await watcher.call("rates.snapshot", [String: String]())
            let _: SubscribeResult = try await watcher.call("subscribe", SubscribeParams(topics: ["rates"]))
            try await Task.sleep(for: .milliseconds(300))

            var acknowledged: [(accepted: Int64, at: ContinuousClock.Instant)] = []
            for index in 0..<count {
                let now = Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
                let (body, eventID) = DemoPayloads.make(kind: .whoop, seed: UInt64(index + 1) << 20 | UInt64.random(in: 0..<1 << 20), time: now)
                let (status, _) = try await HTTPProbe.post(
                    host: host,
                    port: port,
                    path: "/v1/webhooks/\(name)",
                    headers: signer.headers(body: body, eventID: eventID, time: now),
                    body: body
                )
                guard status == 200 else { throw ClientError("webhook \(index) answered \(status)") }
                acknowledged.append((before.totals.accepted + Int64(index + 1), ContinuousClock.now))
                try await Task.sleep(for: .milliseconds(intervalMilliseconds))
            }
            try await Task.sleep(for: .milliseconds(500))
            let latencies = acknowledged.compactMap { ack in
                events.first(reaching: ack.accepted).map { max(0, Latency.milliseconds($0 - ack.at)) }
            }
            print(
                Latency.summary("ack → rates event at a subscribed client (posts \(intervalMilliseconds) ms apart)", latencies)
                    + " received=\(latencies.count)/\(count)"
            )
        }
    }
}
