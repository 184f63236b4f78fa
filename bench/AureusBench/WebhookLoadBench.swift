import AureusIngest
import AureusTestSupport
import Foundation

/// `aureus-bench webhook-load --url WS --password-file F [--kind oura] --rate R --workers W --seconds S [--result FILE]`
///
/// Posts freshly signed webhooks to `bench-<kind>` at R per second for S seconds, W requests in
/// flight, each worker on its own keep-alive connection, as a provider would (a delivery is
/// retried until it gets a 200). Signing as it goes keeps every signature inside the 5-minute
/// tolerance however long the run, which pre-signed bodies for wrk cannot. Prints, and with
/// `--result` writes, one line: `acknowledged=N rate=R/s …`. The soak drill (bench/soak.sh) runs it.
enum WebhookLoadBench {
    @MainActor
    static func run(option: (String, String) -> String) async throws {
        let url = option("url", "ws://127.0.0.1:8889/v1/ws")
        guard let kind = WebhookKind(rawValue: option("kind", "oura")) else { throw BenchError("unknown --kind \(option("kind", ""))") }
        guard let port = URL(string: url)?.port else { throw BenchError("--url needs a port: \(url)") }
        let rate = Double(option("rate", "500")) ?? 500
        let workers = Int(option("workers", "16")) ?? 16
        let seconds = Double(option("seconds", "60")) ?? 60
        let signers = try await WebhookBodies.signers(url: url, passwordFile: option("password-file", "data/initial-admin-password"), kinds: [kind])
        let (name, signer) = signers[0]
        let load = WebhookLoad(source: name, signer: signer, ports: [port], rate: rate, keepAlive: true)
        let started = ContinuousClock.now
        async let running: Void = load.run(workers: workers)
        try await Task.sleep(for: .seconds(seconds))
        load.stop()
        await running
        let elapsed = ContinuousClock.now - started
        let counts = load.snapshot
        let achieved = Double(counts.acknowledged.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let line = String(
            format: "webhook-load source=%@ acknowledged=%d rate=%.0f/s duplicates=%d unavailable=%d refused=%d other=%d",
            name,
            counts.acknowledged.count,
            achieved,
            counts.duplicates,
            counts.unavailable,
            counts.refused,
            counts.other
        )
        print(line)
        let result = option("result", "")
        if !result.isEmpty { try (line + "\n").write(toFile: result, atomically: true, encoding: .utf8) }
    }
}
