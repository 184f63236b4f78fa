import AureusClient
import AureusIngest
import AureusProtocol
import AureusTestSupport
import Foundation
import Glibc
import Logging
import Synchronization
import Testing

/// An acknowledged webhook is never lost, not even on SIGKILL: post under load, kill the
/// server mid-stream, restart it on the same data directory, and find every acknowledged id.
// Part of the serialized end-to-end suite: it must not overlap the tmux tests, whose
// screens it would starve of CPU, nor spawn processes while they do.
extension DashboardEndToEndTests {
    @Test func everyAcknowledgedWebhookSurvivesSIGKILL() async throws {
        let first = try await ServerProcess()
        let directory = first.dataDirectory
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let signer = try await Self.createSource(server: first, name: "crash", kind: .standard)

        let acknowledged = AckLog()
        let port = first.port
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for index in 0..<10_000 {
                        let now = Self.wallClock()
                        let (body, eventID) = DemoPayloads.make(kind: .standard, seed: UInt64(worker * 1_000_000 + index), time: now)
                        let headers = signer.headers(body: body, eventID: eventID, time: now)
                        let response = try? await HTTPProbe.post(
                            host: "127.0.0.1",
                            port: port,
                            path: "/v1/webhooks/crash",
                            headers: headers,
                            body: body
                        )
                        guard let response else { return }  // the server is gone
                        if response.0 == 200 { acknowledged.append(eventID) }
                    }
                }
            }
            // Let the load run, then pull the plug while requests are in flight.
            while acknowledged.count < 300 { try await Task.sleep(for: .milliseconds(20)) }
            await first.kill9()
            try await group.waitForAll()
        }
        let acked = Set(acknowledged.ids)
        #expect(acked.count >= 300)

        let restarted = try await ServerProcess(dataDirectory: directory)
        defer { restarted.stop() }
        let stored = try await Shell.runOffPool("sqlite3", [directory + "/aureus.sqlite", "SELECT event_id FROM webhook_deliveries"])
        let storedIDs = Set(stored.split(separator: "\n").map(String.init))
        let lost = acked.subtracting(storedIDs)
        #expect(lost.isEmpty, "\(lost.count) acknowledged webhooks were lost, e.g. \(lost.prefix(3))")
        // Nothing was stored twice either: the table holds each id once.
        #expect(storedIDs.count == stored.split(separator: "\n").count)
    }

    /// - Parameter password: the admin's password, for an instance that joined a database
    ///   another instance bootstrapped (it wrote no password file of its own).
    static func createSource(server: ServerProcess, name: String, kind: WebhookKind, password: String? = nil) async throws -> WebhookSigner {
        var logger = Logger(label: "crash")
        logger.logLevel = .critical
        let connection = AureusConnection(url: server.url, token: nil, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await connection.run() }
            defer { group.cancelAll() }
            for await event in connection.events {
                if case .state(.connected) = event { break }
            }
            let _: SessionResult = try await connection.call(
                "auth.login",
                LoginParams(username: "admin", password: try password ?? server.adminPassword)
            )
            let result: SourceSecretResult = try await connection.call("sources.create", SourcesCreateParams(name: name, kind: kind.rawValue))
            return WebhookSigner(kind: kind, secret: try WebhookSecret(configured: result.secret, kind: kind))
        }
    }

    static func wallClock() -> Timestamp {
        // The wall clock, read at the edge (this is the adapter, not logic).
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

/// Event ids the server acknowledged, appended from several tasks.
final class AckLog: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ id: String) { storage.withLock { $0.append(id) } }
    var count: Int { storage.withLock { $0.count } }
    var ids: [String] { storage.withLock { $0 } }
}
