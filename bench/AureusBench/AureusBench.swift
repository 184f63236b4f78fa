import AureusClient
import AureusProtocol
import Foundation
import Logging

/// `aureus-bench hello --url ws://127.0.0.1:8889/v1/ws --clients 50 --seconds 10`
/// `aureus-bench webhooks …` (see `WebhookBodies`)
/// `aureus-bench approvals-crypto | approvals …` (see `ApprovalsBench`)
/// `aureus-bench gpu-watch --seconds 30` (see `GPUWatchBench`)
///
/// hello: opens N real WebSocket clients, each calling `server.hello` back to back for the given
/// time, and prints the round-trip percentiles over all calls. Used by bench/foundation.sh.
@main
struct AureusBench {
    static func main() async throws {
        let arguments = CommandLine.arguments
        func option(_ name: String, _ fallback: String) -> String {
            guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return fallback }
            return arguments[index + 1]
        }
        if arguments.dropFirst().first == "approvals-crypto" {
            ApprovalsBench.crypto(seconds: Double(option("seconds", "3")) ?? 3)
            return
        }
        if arguments.dropFirst().first == "ack-rates" {
            try await AckRatesBench.run(
                url: option("url", "ws://127.0.0.1:8889/v1/ws"),
                passwordFile: option("password-file", "data/initial-admin-password"),
                count: Int(option("count", "200")) ?? 200,
                intervalMilliseconds: Int(option("interval-ms", "300")) ?? 300
            )
            return
        }
        if arguments.dropFirst().first == "approvals" {
            try await ApprovalsBench.run(
                url: option("url", "ws://127.0.0.1:8889/v1/ws"),
                passwordFile: option("password-file", "data/initial-admin-password"),
                count: Int(option("count", "500")) ?? 500,
                submitLog: arguments.contains("--submit-log") ? option("submit-log", "") : nil
            )
            return
        }
        if arguments.dropFirst().first == "webhooks" {
            var options: [String: String] = [:]
            for name in ["url", "count", "out", "kinds", "password-file"] {
                if let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count { options[name] = arguments[index + 1] }
            }
            try await WebhookBodies.run(options: options)
            return
        }
        if arguments.dropFirst().first == "gpu-watch" {
            var options: [String: String] = [:]
            for name in ["seconds", "gpu-interval", "ollama-interval"] {
                if let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count { options[name] = arguments[index + 1] }
            }
            try await GPUWatchBench.run(options: options)
            return
        }
        let url = option("url", "ws://127.0.0.1:8889/v1/ws")
        let clients = Int(option("clients", "50")) ?? 50
        let seconds = Double(option("seconds", "10")) ?? 10
        // 0: closed loop (each client calls again as soon as the answer arrives: saturation).
        // N > 0: each client calls N times a second on a fixed schedule (latency below saturation).
        let ratePerClient = Double(option("rate-per-client", "0")) ?? 0
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
                            let elapsed = ContinuousClock.now - started
                            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
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
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        let rate = Double(latencies.count) / seconds
        print(
            String(
                format: "hello clients=%d mode=%@ calls=%d rate=%.0f/s p50=%.3fms p90=%.3fms p99=%.3fms max=%.3fms",
                clients,
                ratePerClient > 0 ? String(format: "paced %.0f/s per client", ratePerClient) : "closed loop",
                latencies.count,
                rate,
                percentile(0.50),
                percentile(0.90),
                percentile(0.99),
                latencies.last!
            )
        )
    }
}
