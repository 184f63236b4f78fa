import AureusProtocol
import Testing

@testable import AureusCore

/// A stand-in for Ed25519 so AureusCoreTests need not link C: the "signature" is
/// SHA-256(secret ‖ message), checked by recomputing. Real Ed25519 is in AureusCryptoTests.
struct FakeSigner: Sendable {
    let secret: [UInt8]
    init(_ name: String) { secret = Array(name.utf8) }
    func sign(_ message: [UInt8]) -> [UInt8] { ReferenceSHA256().sha256(secret + message) }
    func key(_ id: String, validFrom: Timestamp? = nil, retiredAt: Timestamp? = nil) -> TokenVerificationKey {
        let signer = self
        return TokenVerificationKey(keyID: id, validFrom: validFrom, retiredAt: retiredAt) { message, signature in
            signer.sign(message) == signature
        }
    }
}

@Suite struct ApprovalTokenTests {
    static let issued = Timestamp(milliseconds: 1_800_000_000_000)
    static let server = FakeSigner("server-key-1")
    static let hash = String(repeating: "5e", count: 32)

    static func token(keyID: String = "srv-1", approvers: [String] = ["bob", "carol"]) -> ApprovalToken {
        let approvals = approvers.map { approver in
            var decision = ApprovalDecision(
                requestID: "req-7",
                payloadSHA256: hash,
                verdict: .approve,
                approverID: approver,
                reason: "ok by \(approver)",
                time: issued.adding(milliseconds: -5000),
                signature: []
            )
            decision.signature = FakeSigner(approver).sign(CanonicalDecision.bytes(for: decision))
            return decision
        }
        return ApprovalToken(
            requestID: "req-7",
            payloadSHA256: hash,
            approvals: approvals,
            issuedAt: issued,
            expiresAt: issued.adding(milliseconds: 900_000),
            keyID: keyID
        )
    }

    static func verifier(revoked: Set<String> = [], retiredAt: Timestamp? = nil) -> TokenVerifier {
        TokenVerifier(
            keys: { id in id == "srv-1" ? server.key("srv-1", retiredAt: retiredAt) : nil },
            isRevoked: { revoked.contains($0) }
        )
    }

    static let now = issued.adding(milliseconds: 60_000)

    func reason(_ result: Result<ApprovalToken, TokenVerificationFailure>) -> TokenFailureReason? {
        if case .failure(let failure) = result { return failure.reason }
        return nil
    }

    @Test func sealedTokenVerifiesAndRoundTripsEveryField() throws {
        let original = Self.token()
        let text = original.sealed(sign: Self.server.sign)
        let verified = try Self.verifier().verify(text, now: Self.now, expectedPayloadSHA256: Self.hash).get()
        #expect(verified == original)
        for approval in verified.approvals {
            #expect(FakeSigner(approval.approverID).sign(CanonicalDecision.bytes(for: approval)) == approval.signature)
        }
    }

    @Test func grantBecomesATokenWithTheApproversAndTTL() {
        let request = ApprovalStateMachineTests.request(required: 1)
        let approval = ApprovalStateMachineTests.decision("bob")
        let grant = ApprovalGrant(request: request, approvals: [approval], approvedAt: Self.issued)
        let token = ApprovalToken(grant: grant, issuedAt: Self.issued, ttlSeconds: 900, keyID: "srv-1")
        #expect(token.requestID == request.id)
        #expect(token.payloadSHA256 == request.payloadSHA256)
        #expect(token.decision == "approved")
        #expect(token.approvals == [approval])
        #expect(token.expiresAt == Self.issued.adding(milliseconds: 900_000))
    }

    /// Every field of the signed payload, changed without re-signing, must read as a bad signature.
    @Test func everyTamperedFieldIsABadSignature() throws {
        let text = Self.token().sealed(sign: Self.server.sign)
        let envelope = try #require(TokenEnvelope(text: text))
        let original = try JSONParser.parse(envelope.payload)
        let members = try #require(original.objectValue)
        var tampered: [(String, JSONValue)] = members.keys.sorted().map { key in
            var copy = members
            copy[key] = .string("tampered")
            return (key, .object(copy))
        }
        let approval = try #require(members["approvals"]?.arrayValue?.first?.objectValue)
        for key in approval.keys.sorted() {
            var changed = approval
            changed[key] = key == "signature" ? .string("AAAA") : .string("x")
            var copy = members
            copy["approvals"] = .array([.object(changed)] + (members["approvals"]?.arrayValue?.dropFirst() ?? []))
            tampered.append(("approvals[0].\(key)", .object(copy)))
        }
        var dropped = members
        dropped["approvals"] = .array(Array(members["approvals"]?.arrayValue?.prefix(1) ?? []))
        tampered.append(("approvals (one removed)", .object(dropped)))
        #expect(tampered.count == 8 + 5 + 1)
        for (field, value) in tampered {
            let forged = TokenEnvelope(payload: CanonicalJSON.encode(value), signature: envelope.signature, keyID: envelope.keyID)
            #expect(reason(Self.verifier().verify(forged.text, now: Self.now)) == .badSignature, "field \(field)")
        }
        var flipped = envelope
        flipped.signature[0] ^= 1
        #expect(reason(Self.verifier().verify(flipped.text, now: Self.now)) == .badSignature)
    }

    @Test func resignedWithAnotherKeyIsBadSignatureOrUnknownKey() {
        let attacker = FakeSigner("attacker")
        #expect(reason(Self.verifier().verify(Self.token().sealed(sign: attacker.sign), now: Self.now)) == .badSignature)
        #expect(reason(Self.verifier().verify(Self.token(keyID: "evil").sealed(sign: attacker.sign), now: Self.now)) == .unknownKey)
    }

    @Test func expiresExactlyAtExpiresAt() {
        let text = Self.token().sealed(sign: Self.server.sign)
        let expiry = Self.issued.adding(milliseconds: 900_000)
        #expect(reason(Self.verifier().verify(text, now: expiry.adding(milliseconds: -1))) == nil)
        let failure = Self.verifier().verify(text, now: expiry)
        #expect(reason(failure) == .expired)
        if case .failure(let error) = failure { #expect(error.description.hasPrefix("expired: ")) }
    }

    @Test func payloadMismatchRevokedAndTheirPrecedence() {
        let text = Self.token().sealed(sign: Self.server.sign)
        let other = String(repeating: "00", count: 32)
        #expect(reason(Self.verifier().verify(text, now: Self.now, expectedPayloadSHA256: other)) == .payloadMismatch)
        #expect(reason(Self.verifier().verify(text, now: Self.now, expectedPayloadSHA256: Self.hash.uppercased())) == nil)
        let revoking = Self.verifier(revoked: ["req-7"])
        #expect(reason(revoking.verify(text, now: Self.now)) == .revoked)
        #expect(reason(revoking.verify(text, now: Self.issued.adding(milliseconds: 10_000_000))) == .revoked)
        #expect(reason(Self.verifier(revoked: ["req-8"]).verify(text, now: Self.now)) == nil)
    }

    @Test func retiredKeyVerifiesOnlyTokensIssuedBeforeRetirement() {
        let text = Self.token().sealed(sign: Self.server.sign)
        #expect(reason(Self.verifier(retiredAt: Self.issued.adding(milliseconds: 1)).verify(text, now: Self.now)) == nil)
        #expect(reason(Self.verifier(retiredAt: Self.issued).verify(text, now: Self.now)) == .unknownKey)
        let notYet = TokenVerifier(keys: { _ in Self.server.key("srv-1", validFrom: Self.issued.adding(milliseconds: 1)) })
        #expect(reason(notYet.verify(text, now: Self.now)) == .unknownKey)
    }

    @Test(arguments: ["", "abc", "a.b", "a.b.c.d", "e30.AQID.", "e30.AQID.bad key", "e30=.AQID.srv-1", ".AQID.srv-1", "e30.A.srv-1"])
    func unreadableTextIsMalformed(text: String) {
        #expect(reason(Self.verifier().verify(text, now: Self.now)) == .malformed)
    }

    @Test func validlySignedButWrongContentIsMalformed() {
        func seal(_ value: JSONValue) -> String {
            let bytes = CanonicalJSON.encode(value)
            return TokenEnvelope(payload: bytes, signature: Self.server.sign(bytes), keyID: "srv-1").text
        }
        var json = Self.token().json
        #expect(reason(Self.verifier().verify(seal(["hello": "world"]), now: Self.now)) == .malformed)
        let spaced = Array(#"{"a": 1}"#.utf8)
        let nonCanonical = TokenEnvelope(payload: spaced, signature: Self.server.sign(spaced), keyID: "srv-1").text
        #expect(reason(Self.verifier().verify(nonCanonical, now: Self.now)) == .malformed)
        if case .object(var members) = json {
            members["key_id"] = "srv-2"
            json = .object(members)
        }
        #expect(reason(Self.verifier().verify(seal(json), now: Self.now)) == .malformed)
        #expect(reason(Self.verifier().verify(seal(Self.token().json), now: Self.now)) == nil)
    }

    @Test func envelopeAndBase64URLMatchKnownAnswers() {
        #expect(TokenEnvelope(payload: Array("{}".utf8), signature: [1, 2, 3], keyID: "k1").text == "e30.AQID.k1")
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
        for bad in ["Zg=", "Z", "Zh", "a+b/", "Zm9v Yg"] { #expect(Base64URL.decode(bad) == nil, "\(bad)") }
        #expect(!TokenEnvelope.isValidKeyID(String(repeating: "k", count: 65)))
        #expect(TokenEnvelope.isValidKeyID("srv-2026_01"))
    }

    @Test func canonicalDecisionIsExactAndCoversEveryField() {
        let time = Timestamp(milliseconds: 0)
        let base = CanonicalDecision.bytes(requestID: "req-1", payloadSHA256: "abc", verdict: .approve, reason: nil, time: time, approverID: "bob")
        let expected =
            #"{"approver_id":"bob","context":"aureus.approval.decision.v1","decision":"approve","payload_sha256":"abc","#
            + #""reason":null,"request_id":"req-1","time":"1970-01-01T00:00:00.000Z"}"#
        #expect(String(decoding: base, as: UTF8.self) == expected)
        let blank = CanonicalDecision.bytes(requestID: "req-1", payloadSHA256: "abc", verdict: .approve, reason: " \n", time: time, approverID: "bob")
        #expect(blank == base)
        let trimmed = CanonicalDecision.bytes(
            requestID: "req-1",
            payloadSHA256: "abc",
            verdict: .approve,
            reason: " ok\n",
            time: time,
            approverID: "bob"
        )
        #expect(String(decoding: trimmed, as: UTF8.self).contains(#""reason":"ok""#))
        let variants = [
            CanonicalDecision.bytes(requestID: "req-2", payloadSHA256: "abc", verdict: .approve, reason: nil, time: time, approverID: "bob"),
            CanonicalDecision.bytes(requestID: "req-1", payloadSHA256: "abd", verdict: .approve, reason: nil, time: time, approverID: "bob"),
            CanonicalDecision.bytes(requestID: "req-1", payloadSHA256: "abc", verdict: .reject, reason: nil, time: time, approverID: "bob"),
            CanonicalDecision.bytes(requestID: "req-1", payloadSHA256: "abc", verdict: .approve, reason: "x", time: time, approverID: "bob"),
            CanonicalDecision.bytes(
                requestID: "req-1",
                payloadSHA256: "abc",
                verdict: .approve,
                reason: nil,
                time: time.adding(milliseconds: 1),
                approverID: "bob"
            ),
            CanonicalDecision.bytes(requestID: "req-1", payloadSHA256: "abc", verdict: .approve, reason: nil, time: time, approverID: "bo"),
        ]
        #expect(Set(variants + [base]).count == 7)
    }
}
