import AureusCore
import AureusCrypto
import AureusProtocol
import Foundation
import Glibc

/// The approver's Ed25519 key pair on this machine: `$XDG_CONFIG_HOME/aureus/approver-key.json`
/// (default `~/.config/aureus`), mode 0600, created by `aureus keys init`.
///
/// Decisions are signed here, in the client, so the server only ever sees the public key and
/// cannot forge an approval.
struct ApproverKeyFile {
    let path: String

    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ApproverKeyFile? {
        if let explicit = environment["AUREUS_APPROVER_KEY"], !explicit.isEmpty { return ApproverKeyFile(path: explicit) }
        guard let cache = SessionCache.standard(environment: environment) else { return nil }
        return ApproverKeyFile(path: (cache.path as NSString).deletingLastPathComponent + "/approver-key.json")
    }

    /// Creates a new key pair; refuses to overwrite an existing key unless `force`.
    func create(force: Bool) throws -> Ed25519.KeyPair {
        if FileManager.default.fileExists(atPath: path) && !force {
            throw KeyFileError("\(path) already exists; use --force to replace it (the old key stops working once revoked)")
        }
        let pair = Ed25519.KeyPair()
        let body: JSONValue = [
            "algorithm": "ed25519",
            "seed": .string(Base64.encode(pair.seed)),
            "public_key": .string(Base64.encode(pair.publicKey.bytes)),
        ]
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw KeyFileError("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let bytes = CanonicalJSON.encode(body) + [0x0A]
        let written = write(fd, bytes, bytes.count)
        fsync(fd)
        close(fd)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw KeyFileError("cannot write \(path)")
        }
        return pair
    }

    /// The key pair, or nil when there is none.
    func load() throws -> Ed25519.KeyPair? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw KeyFileError("\(path) is readable by others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 on it")
        }
        guard let value = try? JSONParser.parse(Array(data)), let seedText = value["seed"]?.stringValue, let seed = Base64.decode(seedText) else {
            throw KeyFileError("\(path) is not an approver key file")
        }
        return try Ed25519.KeyPair(seed: seed)
    }
}

/// Builds and signs the canonical decision bytes, exactly as the server will check them.
enum DecisionSigner {
    static func params(
        for approval: ApprovalInfo,
        verdict: ApprovalVerdict,
        reason: String?,
        approverID: String,
        key: Ed25519.KeyPair,
        now: Timestamp = Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    ) -> ApprovalsDecideParams {
        let bytes = CanonicalDecision.bytes(
            requestID: approval.id,
            payloadSHA256: approval.payloadSHA256,
            verdict: verdict,
            reason: reason,
            time: now,
            approverID: approverID
        )
        return ApprovalsDecideParams(
            id: approval.id,
            decision: verdict.rawValue,
            reason: reason,
            time: now,
            payloadSHA256: approval.payloadSHA256,
            signature: Base64.encode(key.sign(bytes))
        )
    }
}

struct KeyFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
