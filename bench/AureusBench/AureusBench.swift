import AureusClient
import AureusProtocol
import Foundation
import Logging

/// The benchmark load generators, one subcommand each:
/// `aureus-bench [hello] --url ws://127.0.0.1:8889/v1/ws --clients 50 --seconds 10` (see `HelloBench`)
/// `aureus-bench webhooks …` (see `WebhookBodies`)
/// `aureus-bench webhook-load …` (see `WebhookLoadBench`)
/// `aureus-bench approvals-crypto | approvals …` (see `ApprovalsBench`)
/// `aureus-bench ack-rates …` (see `AckRatesBench`)
/// `aureus-bench gpu-watch --seconds 30` (see `GPUWatchBench`)
/// `aureus-bench query --sql … --runs 10` (see `QueryBench`)
/// `aureus-bench spikes prepare|run --channels 96 --rate 30000 --seconds 30 --dir D` (see `SpikesBench`)
@main
struct AureusBench {
    static func main() async throws {
        let arguments = CommandLine.arguments
        func option(_ name: String, _ fallback: String) -> String {
            guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return fallback }
            return arguments[index + 1]
        }
        if arguments.dropFirst().first == "spikes" {
            try SpikesBench.main(arguments)
            return
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
        if arguments.dropFirst().first == "query" {
            try await QueryBench.run(
                url: option("url", "ws://127.0.0.1:8889/v1/ws"),
                passwordFile: option("password-file", "data/initial-admin-password"),
                sql: option("sql", "SELECT 1"),
                runs: Int(option("runs", "10")) ?? 10
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
        if arguments.dropFirst().first == "webhook-load" {
            try await WebhookLoadBench.run(option: option)
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
        try await HelloBench.run(
            url: option("url", "ws://127.0.0.1:8889/v1/ws"),
            clients: Int(option("clients", "50")) ?? 50,
            seconds: Double(option("seconds", "10")) ?? 10,
            ratePerClient: Double(option("rate-per-client", "0")) ?? 0
        )
    }
}
