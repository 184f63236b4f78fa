import AureusCore
import AureusCrypto
import AureusProtocol
import Foundation
import Synchronization

/// This instance's approval-token signing keys: the current Ed25519 key and the ones it retired.
///
/// Private seeds live only in `<data-dir>/server-signing-keys.json` (0600), never in the database:
/// each `aureusd` signs with its own key and publishes the public half to the store, so every
/// instance (and `GET /v1/public-keys`) verifies tokens any instance issued, and a database dump
/// cannot forge one. The file is created with a fresh key on first start.
final class ServerSigningKeys: Sendable {
    static let fileName = "server-signing-keys.json"

    /// One key as the file stores it.
    struct StoredKey: Codable, Sendable {
        var keyID: String
        var seed: String
        var validFromMilliseconds: Int64
        var retiredAtMilliseconds: Int64?

        enum CodingKeys: String, CodingKey {
            case keyID = "key_id"
            case seed
            case validFromMilliseconds = "valid_from_ms"
            case retiredAtMilliseconds = "retired_at_ms"
        }
    }

    private struct State: Sendable {
        var ring: ServerKeyRing
        var stored: [StoredKey]
    }

    let path: String
    private let state: Mutex<State>

    /// Loads the key file, or creates one with a new key when there is none.
    init(dataDirectory: String, now: Timestamp) throws {
        path = (dataDirectory as NSString).appendingPathComponent(Self.fileName)
        var stored: [StoredKey]
        if let data = FileManager.default.contents(atPath: path) {
            do { stored = try JSONDecoder().decode([StoredKey].self, from: data) } catch {
                throw ServerSigningKeysError("\(path) is not a valid key file: \(error)")
            }
            guard !stored.isEmpty else { throw ServerSigningKeysError("\(path) holds no keys") }
        } else {
            stored = [Self.newKey(at: now)]
            try Self.save(stored, to: path)
        }
        state = Mutex(State(ring: try Self.ring(from: stored), stored: stored))
    }

    /// The key id that signs new tokens.
    var currentKeyID: String { state.withLock { $0.ring.currentKeyID ?? "" } }

    /// Every public key of this instance, oldest first, as the store keeps them.
    var publicRecords: [ServerKeyRecord] {
        state.withLock { state in
            state.ring.publicKeys.map { entry in
                ServerKeyRecord(
                    keyID: entry.keyID,
                    publicKey: entry.publicKey,
                    validFrom: Timestamp(milliseconds: entry.validFromMilliseconds ?? 0),
                    retiredAt: entry.retiredAtMilliseconds.map(Timestamp.init(milliseconds:))
                )
            }
        }
    }

    /// Seals `token` (whose `keyID` must be the current key's) into its envelope text.
    func seal(_ token: ApprovalToken) throws -> String {
        try state.withLock { state in
            guard token.keyID == state.ring.currentKeyID else {
                throw ServerSigningKeysError("token names key '\(token.keyID)', not the current key")
            }
            return try state.ring.sign(token.canonicalBytes).text
        }
    }

    /// Makes a new key current from `now`; the old one is retired but kept (file first, then memory).
    @discardableResult
    func rotate(now: Timestamp) throws -> String {
        try state.withLock { state in
            var stored = state.stored
            var next = Self.newKey(at: now)
            if stored.contains(where: { $0.keyID == next.keyID }) { next.keyID += "-\(stored.count)" }
            for index in stored.indices where stored[index].retiredAtMilliseconds == nil { stored[index].retiredAtMilliseconds = now.milliseconds }
            stored.append(next)
            let ring = try Self.ring(from: stored)
            try Self.save(stored, to: path)
            state = State(ring: ring, stored: stored)
            return next.keyID
        }
    }

    private static func newKey(at now: Timestamp) -> StoredKey {
        let keyPair = Ed25519.KeyPair()
        let date = String(now.iso8601.prefix(10)).replacingOccurrences(of: "-", with: "")
        let suffix = Hex.encode(SecureRandom.bytes(3))
        return StoredKey(keyID: "srv-\(date)-\(suffix)", seed: Base64.encode(keyPair.seed), validFromMilliseconds: now.milliseconds)
    }

    private static func ring(from stored: [StoredKey]) throws -> ServerKeyRing {
        var ring: ServerKeyRing?
        for key in stored {
            guard let seed = Base64.decode(key.seed) else { throw ServerSigningKeysError("key '\(key.keyID)' has an unreadable seed") }
            let pair = try Ed25519.KeyPair(seed: seed)
            if ring == nil {
                ring = try ServerKeyRing(current: pair, keyID: key.keyID, since: key.validFromMilliseconds)
            } else {
                try ring?.rotate(to: pair, keyID: key.keyID, at: key.validFromMilliseconds)
            }
        }
        guard let ring else { throw ServerSigningKeysError("no keys") }
        return ring
    }

    private static func save(_ stored: [StoredKey], to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try PrivateFile.write(Array(try encoder.encode(stored)), to: path)
    }
}

struct ServerSigningKeysError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
