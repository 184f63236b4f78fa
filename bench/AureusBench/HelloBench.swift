import AureusClient
import AureusProtocol
import Foundation
import Logging

/// `aureus-bench hello --url … --clients 50 --seconds 10 [--rate-per-client N]`: N real WebSocket
/// clients calling `server.hello`, and the round-trip percentiles over all calls (bench/foundation.sh).
///
/// `ratePerClient` 0 is a closed loop (each client calls again as soon as the answer arrives:
/// saturation, where latency is queueing); N > 0 calls N times a second on a fixed schedule,
/// the latency a client sees below saturation.
enum HelloBench {
    static func run(url: String, clients: Int, seconds: Double, ratePerClient: Double) async throws {
        let logger = {
            var logger = Logger(label: "bench")
            logger.logLevel = .critical
            return logger
        }()

        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<clients {
                group.addTask {
                    let connection = AureusConnection(url: url, token: nil, clientName: "aureus-bench", logger: logger)
                    return try await withThrowingTaskGroup(of: [Double].self) { inner in
                        inner.addTask {
                            await connection.run()
                            return []
                        }
                        defer { inner.cancelAll() }
                        for await event in connection.events {
                            if case .state(.connected) = event { break }
                        }
                        var samples: [Double] = []
                        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
                        var next = ContinuousClock.now + .milliseconds(Int.random(in: 0..<max(1, Int(1000 / max(ratePerClient, 1)))))
                        while ContinuousClock.now < deadline {
                            if ratePerClient > 0 {
                                try await Task.sleep(until: next)
                                next += .microseconds(Int(1_000_000 / ratePerClient))
                            }
                            let started = ContinuousClock.now
                            let _: HelloResult = try await connection.call("server.hello", HelloParams(client: "bench"))
                            samples.append(Latency.milliseconds(ContinuousClock.now - started))
                        }
                        return samples
                    }
                }
            }
            var all: [Double] = []
            for try await samples in group { all += samples }
            return all.sorted()
        }
        guard !latencies.isEmpty else {
            print("no samples")
            exit(1)
        }
        let rate = Double(latencies.count) / seconds
        print(
            String(
                format: "hello clients=%d mode=%@ calls=%d rate=%.0f/s p50=%.3fms p90=%.3fms p99=%.3fms max=%.3fms",
                clients,
                ratePerClient > 0 ? String(format: "paced %.0f/s per client", ratePerClient) : "closed loop",
                latencies.count,
                rate,
                Latency.percentile(latencies, 0.50),
                Latency.percentile(latencies, 0.90),
                Latency.percentile(latencies, 0.99),
                latencies.last!
            )
        )
    }
}
