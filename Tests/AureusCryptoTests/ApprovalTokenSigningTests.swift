import AureusCrypto
import Foundation
import Testing

/// Real Ed25519 under approval tokens: the envelope format, tampering, wrong keys and rotation.
/// (Claims such as expiry and revocation live in AureusCore's `TokenVerifier`, tested there.)
@Suite struct ApprovalTokenSigningTests {
    /// RFC 8032 TEST 1's seed, so the server key is fixed and failures are reproducible.
    static let seed = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!
    static let since: Int64 = 1_800_000_000_000

    /// A token-shaped payload (field names as AureusCore's `ApprovalToken` writes them).
    static let fields: [(String, String)] = [
        ("approvals", #"[{"approver_id":"bob","decision":"approve","reason":null,"signature":"AAAA","time":"2027-01-15T08:00:00.000Z"}]"#),
        ("context", #""aureus.approval.token.v1""#),
        ("decision", #""approved""#),
        ("expires_at", #""2027-01-15T08:15:00.000Z""#),
        ("issued_at", #""2027-01-15T08:00:00.000Z""#),
        ("key_id", #""srv-1""#),
        ("payload_sha256", #""5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e""#),
        ("request_id", #""req-7""#),
    ]

    static func payload(replacing field: String? = nil) -> [UInt8] {
        let members = fields.map { name, value in "\"\(name)\":" + (name == field ? #""changed""# : value) }
        return Array(("{" + members.joined(separator: ",") + "}").utf8)
    }

    static func ring() throws -> ServerKeyRing { try ServerKeyRing(current: Ed25519.KeyPair(seed: seed), keyID: "srv-1", since: since) }

    func failure(_ result: Result<SignedEnvelope, ServerKeyRing.Failure>) -> ServerKeyRing.Failure? {
        if case .failure(let reason) = result { return reason }
        return nil
    }

    @Test func signedEnvelopeVerifiesAndRoundTripsThroughText() throws {
        let ring = try Self.ring()
        let envelope = try ring.sign(Self.payload())
        #expect(envelope.keyID == "srv-1")
        #expect(envelope.signature.count == Ed25519.signatureBytes)
        let parsed = try ring.verify(envelope.text).get()
        #expect(parsed == envelope)
        #expect(parsed.payload == Self.payload())
        // Ed25519 is deterministic: the same key and bytes give the same token text.
        #expect(try ring.sign(Self.payload()).text == envelope.text)
    }

    /// The same known answer AureusCore's `TokenEnvelope` is tested against.
    @Test func textFormatMatchesTheCoreKnownAnswer() throws {
        let envelope = SignedEnvelope(keyID: "k1", payload: Array("{}".utf8), signature: [1, 2, 3])
        #expect(envelope.text == "e30.AQID.k1")
        #expect(SignedEnvelope(text: "e30.AQID.k1") == envelope)
        #expect(SignedEnvelope(text: "-_8.AQID.k1")?.payload == [0xFB, 0xFF])
    }

    @Test func everyChangedFieldIsABadSignature() throws {
        let ring = try Self.ring()
        let envelope = try ring.sign(Self.payload())
        for (name, _) in Self.fields {
            let forged = SignedEnvelope(keyID: "srv-1", payload: Self.payload(replacing: name), signature: envelope.signature)
            #expect(forged.payload != envelope.payload)
            #expect(failure(ring.verify(forged.text)) == .badSignature, "field \(name)")
        }
    }

    @Test func everyFlippedByteIsABadSignature() throws {
        let ring = try Self.ring()
        let envelope = try ring.sign(Self.payload())
        for index in envelope.payload.indices {
            var forged = envelope
            forged.payload[index] ^= 0x01
            #expect(failure(ring.verify(forged.text)) == .badSignature, "payload byte \(index)")
        }
        for index in envelope.signature.indices {
            var forged = envelope
            forged.signature[index] ^= 0x80
            #expect(failure(ring.verify(forged.text)) == .badSignature, "signature byte \(index)")
        }
    }

    @Test func resignedWithAWrongKey() throws {
        var ring = try Self.ring()
        let attacker = Ed25519.KeyPair()
        let sameID = try SignedEnvelope.sign(Self.payload(), with: attacker, keyID: "srv-1")
        #expect(failure(ring.verify(sameID.text)) == .badSignature)
        let ownID = try SignedEnvelope.sign(Self.payload(), with: attacker, keyID: "attacker-1")
        #expect(failure(ring.verify(ownID.text)) == .unknownKey)
        // Moving a genuine signature to another known key id does not help either.
        try ring.rotate(to: Ed25519.KeyPair(), keyID: "srv-2", at: Self.since + 1)
        let genuine = try ServerKeyRing(current: Ed25519.KeyPair(seed: Self.seed), keyID: "srv-1", since: Self.since).sign(Self.payload())
        let relabelled = SignedEnvelope(keyID: "srv-2", payload: genuine.payload, signature: genuine.signature)
        #expect(failure(ring.verify(relabelled.text)) == .badSignature)
    }

    @Test(arguments: [
        "", "e30", "e30.AQID", "e30.AQID.k1.x", "e30.AQID.", "e30=.AQID.srv-1", ".AQID.srv-1", "e30.A.srv-1", "e+0.AQID.srv-1", "e30.AQID.bad id",
    ])
    func unreadableTextIsMalformed(text: String) throws {
        #expect(failure(try Self.ring().verify(text)) == .malformed)
    }

    @Test func rotationKeepsOldKeysForVerification() throws {
        var ring = try Self.ring()
        let before = try ring.sign(Self.payload())
        try ring.rotate(to: Ed25519.KeyPair(), keyID: "srv-2", at: Self.since + 60_000)
        let after = try ring.sign(Self.payload())
        #expect(after.keyID == "srv-2")
        #expect(ring.currentKeyID == "srv-2")
        #expect(try ring.verify(before.text).get().keyID == "srv-1")
        #expect(try ring.verify(after.text).get().keyID == "srv-2")
        #expect(ring.entry(for: "srv-1")?.retiredAtMilliseconds == Self.since + 60_000)
        #expect(ring.entry(for: "srv-2")?.validFromMilliseconds == Self.since + 60_000)
        #expect(ring.entry(for: "srv-2")?.retiredAtMilliseconds == nil)
        #expect(throws: CryptoError.self) { try ring.rotate(to: Ed25519.KeyPair(), keyID: "srv-1", at: Self.since + 120_000) }
        #expect(throws: CryptoError.self) { try ring.rotate(to: Ed25519.KeyPair(), keyID: "srv 3", at: Self.since + 120_000) }
        #expect(ring.publicKeys.map(\.keyID) == ["srv-1", "srv-2"])
    }

    @Test func publishedKeysMakeAVerifyOnlyRing() throws {
        var ring = try Self.ring()
        let old = try ring.sign(Self.payload())
        try ring.rotate(to: Ed25519.KeyPair(), keyID: "srv-2", at: Self.since + 1)
        let data = try JSONEncoder().encode(ring.publicKeys)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""key_id":"srv-1""#) && text.contains(#""retired_at_ms":"#) && text.contains(#""algorithm":"ed25519""#))
        let offline = try ServerKeyRing(publicKeys: JSONDecoder().decode([ServerKeyRing.Entry].self, from: data))
        #expect(try offline.verify(old.text).get() == old)
        #expect(offline.currentKeyID == nil)
        #expect(throws: CryptoError.self) { try offline.sign(Self.payload()) }

        var entries = ring.publicKeys
        entries.append(entries[0])
        #expect(throws: CryptoError.self) { try ServerKeyRing(publicKeys: entries) }
        var badKey = ring.publicKeys[0]
        badKey.publicKey = "AAAA"
        #expect(throws: CryptoError.self) { try ServerKeyRing(publicKeys: [badKey]) }
        var otherAlgorithm = ring.publicKeys[0]
        otherAlgorithm.algorithm = "rsa"
        #expect(throws: CryptoError.self) { try ServerKeyRing(publicKeys: [otherAlgorithm]) }
    }

    @Test func invalidKeyIDsAreRefusedWhenSigning() {
        #expect(throws: CryptoError.self) { try SignedEnvelope.sign([1], with: Ed25519.KeyPair(), keyID: "") }
        #expect(throws: CryptoError.self) { try SignedEnvelope.sign([1], with: Ed25519.KeyPair(), keyID: "a.b") }
        #expect(throws: CryptoError.self) { try ServerKeyRing(current: Ed25519.KeyPair(), keyID: String(repeating: "k", count: 65), since: 0) }
    }
}
