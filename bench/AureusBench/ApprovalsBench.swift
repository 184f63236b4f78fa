import AureusClient
import AureusCore
import AureusCrypto
import AureusProtocol
import Foundation
import Logging
import Synchronization

/// `aureus-bench approvals-crypto --seconds 3`: decisions signed and verified per second on one
/// core: the canonical decision bytes built, signed with Ed25519, and verified, as client and
/// server do for every decision.
///
/// `aureus-bench approvals --url … --password-file … --count 500 --submit-log FILE`: against a
/// running server, as real clients: creates an analyst and an approver (key registered and
/// confirmed), submits `count` medium-risk requests (20 ms apart) while a second connection
/// watches the `approvals` topic, then decides every one from the approver's connection.
/// Prints submit, topic-delivery and `approvals.decide` latency percentiles and writes
/// `<id> <wall-clock ms at submit>` lines for joining with the TUI's `--trace-approvals` file.
enum ApprovalsBench {
    static func crypto(seconds: Double) {
        let key = Ed25519.KeyPair()
        let hash = SHA256.hex(Array("payload".utf8))
        func decisionBytes(_ index: Int) -> [UInt8] {
            CanonicalDecision.bytes(
                requestID: "apr-\(index)",
                payloadSHA256: hash,
                verdict: .approve,
                reason: nil,
                time: Timestamp(milliseconds: 1_800_000_000_000 + Int64(index)),
                approverID: "bench"
            )
        }
        /// Runs `step` for `seconds` on this thread; returns calls per second.
        func rate(_ step: (Int) -> Void) -> (count: Int, perSecond: Double) {
            var count = 0
            let started = ContinuousClock.now
            let deadline = started + .milliseconds(Int(seconds * 1000))
            while ContinuousClock.now < deadline {
                for _ in 0..<64 {
                    step(count)
                    count += 1
                }
            }
            let elapsed = ContinuousClock.now - started
            return (count, Double(count) / Latency.seconds(elapsed))
        }
        let signed = (0..<256).map { index in (decisionBytes(index), key.sign(decisionBytes(index))) }
        var failures = 0
        let signOnly = rate { index in _ = key.sign(decisionBytes(index)) }
        let verifyOnly = rate { index in
            let (bytes, signature) = signed[index & 255]
            if !key.publicKey.verify(signature: signature, message: bytes) { failures += 1 }
        }
        let both = rate { index in
            let bytes = decisionBytes(index)
            if !key.publicKey.verify(signature: key.sign(bytes), message: bytes) { failures += 1 }
        }
        print(
            String(
                format: "approvals-crypto sign=%.0f/s verify=%.0f/s sign+verify=%.0f/s decisions=%d (one core) failures=%d",
                signOnly.perSecond,
                verifyOnly.perSecond,
                both.perSecond,
                both.count,
                failures
            )
        )
    }

    static func run(url: String, passwordFile: String, count: Int, submitLog: String?) async throws {
        let logger = {
            var logger = Logger(label: "bench")
            logger.logLevel = .critical
            return logger
        }()
        let password = try String(contentsOfFile: passwordFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let suffix = String(Int(Date().timeIntervalSince1970) % 100_000)
        let analystName = "bench-analyst-\(suffix)"
        let approverName = "bench-approver-\(suffix)"
        let key = Ed25519.KeyPair()

        try await withConnection(url, logger) { admin in
            let _: SessionResult = try await admin.call("auth.login", LoginParams(username: "admin", password: password))
            for (name, role) in [(analystName, Role.analyst), (approverName, Role.approver)] {
                let _: UserInfo = try await admin.call("users.create", UsersCreateParams(username: name, password: "bench password", role: role))
            }
            let keyID: String = try await withConnection(url, logger) { approver in
                let _: SessionResult = try await approver.call("auth.login", LoginParams(username: approverName, password: "bench password"))
                let info: ApproverKeyInfo = try await approver.call(
                    "keys.register",
                    KeysRegisterParams(publicKey: Base64.encode(key.publicKey.bytes))
                )
                return info.keyID
            }
            let _: ApproverKeyInfo = try await admin.call("keys.confirm", KeyIDParams(keyID: keyID))
        }

        let arrivals = ArrivalLog()
        let watcher = AureusConnection(url: url, token: nil, clientName: "bench-watcher", logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await watcher.run() }
            group.addTask {
                for await event in watcher.events {
                    if case .event(let topic, let data) = event, topic == "approvals", data["status"] == "pending",
                        let id = data["id"]?.stringValue
                    {
                        arrivals.record(id, at: ContinuousClock.now)
                    }
                }
            }
            defer { group.cancelAll() }
            try await waitConnected(watcher)
            let _: SessionResult = try await watcher.call("auth.login", LoginParams(username: "admin", password: password))
            let _: SubscribeResult = try await watcher.call("subscribe", SubscribeParams(topics: ["approvals"]))

            let (submitted, submitLatencies, log) = try await withConnection(url, logger) { analyst in
                var submitted: [Submitted] = []
                var submitLatencies: [Double] = []
                var log = ""
                let _: SessionResult = try await analyst.call("auth.login", LoginParams(username: analystName, password: "bench password"))
                for index in 0..<count {
                    let params = ApprovalsSubmitParams(
                        type: "payment",
                        payload: ["amount": .int(Int64(5_000 + index)), "currency": "EUR", "recipient": "Bench GmbH"],
                        reason: "bench \(index)"
                    )
                    let wall = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
                    let started = ContinuousClock.now
                    let info: ApprovalInfo = try await analyst.call("approvals.submit", params)
                    submitLatencies.append(Latency.milliseconds(ContinuousClock.now - started))
                    submitted.append(Submitted(id: info.id, info: info, sentAt: started))
                    log += "\(info.id) \(wall)\n"
                    try await Task.sleep(for: .milliseconds(20))
                }
                return (submitted, submitLatencies, log)
            }
            if let submitLog { try log.write(toFile: submitLog, atomically: true, encoding: .utf8) }
            try await Task.sleep(for: .milliseconds(200))
            let seen = arrivals.all
            let delivery = submitted.compactMap { item in seen[item.id].map { Latency.milliseconds($0 - item.sentAt) } }

            let (decideLatencies, approved) = try await withConnection(url, logger) { approver in
                var decideLatencies: [Double] = []
                var approved = 0
                let _: SessionResult = try await approver.call("auth.login", LoginParams(username: approverName, password: "bench password"))
                for item in submitted {
                    let now = Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
                    let bytes = CanonicalDecision.bytes(
                        requestID: item.id,
                        payloadSHA256: item.info.payloadSHA256,
                        verdict: .approve,
                        reason: nil,
                        time: now,
                        approverID: approverName
                    )
                    let params = ApprovalsDecideParams(
                        id: item.id,
                        decision: "approve",
                        reason: nil,
                        time: now,
                        payloadSHA256: item.info.payloadSHA256,
                        signature: Base64.encode(key.sign(bytes))
                    )
                    let started = ContinuousClock.now
                    let result: ApprovalInfo = try await approver.call("approvals.decide", params)
                    decideLatencies.append(Latency.milliseconds(ContinuousClock.now - started))
                    if result.status == "approved" && result.token != nil { approved += 1 }
                }
                return (decideLatencies, approved)
            }
            print(Latency.summary("submit", submitLatencies))
            print(Latency.summary("topic delivery (submit sent → watcher got the event)", delivery) + " received=\(delivery.count)/\(count)")
            print(Latency.summary("approvals.decide (sign in client + round trip)", decideLatencies) + " approved_with_token=\(approved)/\(count)")
        }
    }

    /// When the watcher first saw each request id.
    final class ArrivalLog: Sendable {
        private let arrivals = Mutex<[String: ContinuousClock.Instant]>([:])
        func record(_ id: String, at instant: ContinuousClock.Instant) { arrivals.withLock { if $0[id] == nil { $0[id] = instant } } }
        var all: [String: ContinuousClock.Instant] { arrivals.withLock { $0 } }
    }

    struct Submitted: Sendable {
        var id: String
        var info: ApprovalInfo
        var sentAt: ContinuousClock.Instant
    }

    static func waitConnected(_ connection: AureusConnection) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !connection.isConnected {
            guard ContinuousClock.now < deadline else { throw ClientError("could not connect") }
            try await Task.sleep(for: .milliseconds(10))
        }
        // `isConnected` turns true at the upgrade; give the hello handshake a moment.
        _ = try await connection.measureLatency()
    }

    /// Runs `body` with a connected client, then disconnects.
    static func withConnection<T: Sendable>(
        _ url: String,
        _ logger: Logger,
        _ body: @escaping @Sendable (AureusConnection) async throws -> T
    ) async throws -> T {
        let connection = AureusConnection(url: url, token: nil, clientName: "aureus-bench", logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await connection.run()
                return nil
            }
            defer { group.cancelAll() }
            try await waitConnected(connection)
            let result = try await body(connection)
            await connection.disconnect()
            return result
        }
    }
}
