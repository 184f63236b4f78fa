import ArgumentParser
import AureusCore
import AureusCrypto
import AureusProtocol
import Foundation

/// `aureus verify TOKEN --keys FILE`: checks an approval token offline against published server
/// keys (the JSON `GET /v1/public-keys` serves, or a bare array of its `keys`). Prints `valid` and
/// the claims, or `invalid: <reason>: <detail>` on stderr; exit code 0 only when valid.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify an approval token offline.")

    @Argument(help: "The token text ('-' reads it from stdin).")
    var token: String

    @Option(help: "Keys file: the output of GET /v1/public-keys.")
    var keys: String

    @Option(help: "Also require the token to approve this payload hash (lowercase hex SHA-256 of the canonical JSON).")
    var payloadSHA256: String?

    @Option(help: "Also require the token to approve this JSON payload (a file).")
    var payload: String?

    func run() throws {
        let text = (token == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : token)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = FileManager.default.contents(atPath: keys) else { throw ValidationError("cannot read \(keys)") }
        let entries: [ServerKeyRing.Entry]
        do {
            if let wrapped = try? JSONDecoder().decode(KeysDocument.self, from: data) {
                entries = wrapped.keys
            } else {
                entries = try JSONDecoder().decode([ServerKeyRing.Entry].self, from: data)
            }
        } catch {
            throw ValidationError("\(keys) is not a keys file: \(error)")
        }
        let ring = try ServerKeyRing(publicKeys: entries)
        var expected = payloadSHA256?.lowercased()
        if let payload {
            guard let bytes = FileManager.default.contents(atPath: payload), let value = try? JSONParser.parse(Array(bytes)) else {
                throw ValidationError("\(payload) is not a JSON file")
            }
            expected = SHA256.hex(CanonicalJSON.encode(value))
        }
        let verifier = TokenVerifier(keys: { id in
            guard let entry = ring.entry(for: id), let key = entry.key else { return nil }
            return TokenVerificationKey(
                keyID: id,
                validFrom: entry.validFromMilliseconds.map(Timestamp.init(milliseconds:)),
                retiredAt: entry.retiredAtMilliseconds.map(Timestamp.init(milliseconds:)),
                verify: { message, signature in key.verify(signature: signature, message: message) }
            )
        })
        let now = Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        switch verifier.verify(text, now: now, expectedPayloadSHA256: expected) {
        case .success(let token):
            print("valid")
            print("request:  \(token.requestID)")
            print("payload:  \(token.payloadSHA256)")
            print("approvers: \(token.approvals.map(\.approverID).joined(separator: ", "))")
            print("issued:   \(token.issuedAt)  expires: \(token.expiresAt)  key: \(token.keyID)")
            print("note: revocation can only be checked online (POST /v1/approvals/verify)")
        case .failure(let failure):
            FileHandle.standardError.write(Data("invalid: \(failure.reason.rawValue): \(failure.detail)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `GET /v1/public-keys`' document; its entries share the keys-file field names.
private struct KeysDocument: Decodable {
    var keys: [ServerKeyRing.Entry]
}
