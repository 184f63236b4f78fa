import ArgumentParser
import AureusClient
import AureusIngest
import AureusProtocol
import AureusServer
import Foundation
import Logging

/// `aureusd simulate`: create (or re-key) one demo source per webhook kind on a running
/// server and post correctly signed webhooks to it at a steady rate.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Post signed demo webhooks of every kind to a running server."
    )

    @Option(help: "The server's WebSocket URL (for creating the demo sources).") var server = "ws://127.0.0.1:8889/v1/ws"
    @Option(help: "Admin user for creating sources.") var user = "admin"
    @Option(help: "File holding the admin password (first line).") var passwordFile: String?
    @Option(help: "An admin API or session token instead of a password.") var token: String?
    @Option(help: "Webhooks per second, over all kinds.") var rate: Double = 20
    @Option(help: "Stop after this many seconds (default: run until interrupted).") var duration: Double?
    @Option(help: "Source name prefix.") var prefix = "demo"

    func run() async throws {
        guard let url = URL(string: server.replacingOccurrences(of: "ws://", with: "http://")), let host = url.host else {
            throw ValidationError("cannot read --server \(server)")
        }
        let port = url.port ?? 80
        var logger = Logger(label: "simulate")
        logger.logLevel = .critical
        let connection = AureusConnection(url: server, token: token, clientName: "aureusd-simulate", logger: logger)
        let targets = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await connection.run() }
            defer { group.cancelAll() }
            for await event in connection.events {
                if case .state(.connected) = event { break }
                if case .state(.incompatible(let reason)) = event { throw ValidationError(reason) }
            }
            if token == nil {
                guard let passwordFile, let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    throw ValidationError("give --password-file or --token")
                }
                let password = String(text.split(separator: "\n").first ?? "")
                let _: SessionResult = try await connection.call("auth.login", LoginParams(username: user, password: password))
            }
            var targets: [WebhookSimulator.Target] = []
            for kind in WebhookKind.allCases {
                let name = "\(prefix)-\(kind.rawValue)"
                let result: SourceSecretResult
                do {
                    result = try await connection.call("sources.create", SourcesCreateParams(name: name, kind: kind.rawValue))
                } catch let error as RPCError where error.code == .conflict {
                    result = try await connection.call("sources.rotate_secret", SourcesRotateParams(name: name, graceSeconds: 0))
                }
                targets.append(WebhookSimulator.Target(name: name, kind: kind, secret: result.secret))
            }
            return targets
        }
        let simulator = WebhookSimulator(host: host, port: port, targets: targets, ratePerSecond: rate)
        FileHandle.standardError.write(Data("simulate: posting \(rate)/s to \(targets.map(\.name).joined(separator: ", "))\n".utf8))
        let deadline = duration.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        try await simulator.run(until: deadline)
        let summary = simulator.counters.snapshot.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        print("simulate: done; responses by status: \(summary)")
    }
}
