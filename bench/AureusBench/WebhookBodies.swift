import AureusClient
import AureusIngest
import AureusProtocol
import Foundation
import Logging

/// `aureus-bench webhooks --url WS --password-file F --count N --out FILE [--kinds standard,terra]`
///
/// Logs in as admin, creates one source per kind (`bench-<kind>`), and writes N pre-signed,
/// unique requests for wrk: one line each, `path<TAB>headers<TAB>body`, headers joined by
/// `\u{1F}` as `name: value`. Signed "now", so run the load within the 5-minute tolerance.
enum WebhookBodies {
    static func run(options: [String: String]) async throws {
        func option(_ name: String, _ fallback: String) -> String { options[name] ?? fallback }
        let url = option("url", "ws://127.0.0.1:8889/v1/ws")
        let count = Int(option("count", "400000")) ?? 400_000
        let out = option("out", "/tmp/aureus-bench/webhooks.tsv")
        let kinds = option("kinds", "standard").split(separator: ",").compactMap { WebhookKind(rawValue: String($0)) }
        let signers = try await signers(url: url, passwordFile: option("password-file", "data/initial-admin-password"), kinds: kinds)
        FileManager.default.createFile(atPath: out, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: out) else { throw BenchError("cannot write \(out)") }
        defer { try? handle.close() }
        let now = Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        var chunk = [UInt8]()
        chunk.reserveCapacity(1 << 20)
        for index in 0..<count {
            let (name, signer) = signers[index % signers.count]
            let (body, eventID) = DemoPayloads.make(kind: signer.kind, seed: UInt64(index) &* 2_654_435_761 &+ 1, time: now)
            let headers = signer.headers(body: body, eventID: "\(eventID)-\(index)", time: now).map { "\($0.0): \($0.1)" }
            chunk += Array("/v1/webhooks/\(name)\t\(headers.joined(separator: "\u{1F}"))\t".utf8) + body + [0x0A]
            if chunk.count > 1 << 20 {
                handle.write(Data(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(chunk))
        print("wrote \(count) signed requests for \(signers.map(\.0).joined(separator: ", ")) to \(out)")
    }

    /// Logs in as admin and creates (or re-keys) one source per kind, `bench-<kind>`; returns
    /// each source's name and a signer holding its secret.
    static func signers(url: String, passwordFile: String, kinds: [WebhookKind]) async throws -> [(String, WebhookSigner)] {
        let password = try String(contentsOfFile: passwordFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let connection = AureusConnection(url: url, token: nil, clientName: "aureus-bench", logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await connection.run() }
            defer { group.cancelAll() }
            for await event in connection.events {
                if case .state(.connected) = event { break }
            }
            let _: SessionResult = try await connection.call("auth.login", LoginParams(username: "admin", password: password))
            var signers: [(String, WebhookSigner)] = []
            for kind in kinds {
                let name = "bench-\(kind.rawValue)"
                let result: SourceSecretResult
                do {
                    result = try await connection.call("sources.create", SourcesCreateParams(name: name, kind: kind.rawValue))
                } catch let error as RPCError where error.code == .conflict {
                    result = try await connection.call("sources.rotate_secret", SourcesRotateParams(name: name, graceSeconds: 0))
                }
                signers.append((name, WebhookSigner(kind: kind, secret: try WebhookSecret(configured: result.secret, kind: kind))))
            }
            return signers
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
