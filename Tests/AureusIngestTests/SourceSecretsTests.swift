import AureusIngest
import AureusProtocol
import Testing

/// Secret decoding per kind and the rotation grace period.
@Suite struct SourceSecretsTests {
    @Test func secretEncodingFollowsTheKind() throws {
        let standard = try WebhookSecret(configured: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", kind: .standard)
        #expect(standard.bytes.count == 24)
        #expect(try WebhookSecret(configured: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", kind: .healthkit) == standard)
        #expect(try WebhookSecret(configured: "whsec_abc", kind: .terra).bytes == Array("whsec_abc".utf8))
        #expect(throws: WebhookSecretError.self) { try WebhookSecret(configured: "whsec_!!!!", kind: .standard) }
        #expect(throws: WebhookSecretError.self) { try WebhookSecret(configured: "whsec_", kind: .standard) }
        #expect(throws: WebhookSecretError.self) { try WebhookSecret(configured: "", kind: .oura) }
        #expect(!standard.description.contains("MfKQ"))
    }

    @Test func rotationKeepsThePreviousSecretUntilItsExpiry() throws {
        let old = "old_secret"
        let new = "new_secret"
        let rotatedAt: Int64 = 1_700_000_000
        let secrets = try IngestFixtures.secrets(old, .terra)
            .rotated(
                to: WebhookSecret(configured: new, kind: .terra),
                at: Timestamp(milliseconds: rotatedAt * 1000),
                gracePeriodMilliseconds: 3_600_000
            )
        #expect(secrets.previousExpiresAt == Timestamp(milliseconds: (rotatedAt + 3600) * 1000))
        func verify(key: String, at seconds: Int64) -> String {
            let request = IngestFixtures.terraRequest(key, timestamp: seconds, receivedAt: seconds, body: #"{"type":"auth"}"#)
            do {
                return try TerraVerifier().verify(request, secrets: secrets).matchedSecret.rawValue
            } catch {
                return error.reason
            }
        }
        #expect(verify(key: new, at: rotatedAt) == "current")
        #expect(verify(key: old, at: rotatedAt) == "previous")
        #expect(verify(key: old, at: rotatedAt + 3599) == "previous")
        #expect(verify(key: old, at: rotatedAt + 3600) == "no_matching_signature")
        #expect(verify(key: new, at: rotatedAt + 3600) == "current")
        #expect(verify(key: "other", at: rotatedAt) == "no_matching_signature")
    }

    @Test func standardRotationOverlapWithTwoSignatures() throws {
        let old = try WebhookSecret(configured: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", kind: .standard)
        let new = try WebhookSecret(configured: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", kind: .standard)
        let secrets = SourceSecrets(current: new, previous: old, previousExpiresAt: Timestamp(milliseconds: 2_000_000))
        let body = #"{"type":"ping"}"#
        let oldOnly = IngestFixtures.standardRequest(old, signedAt: 1000, receivedAt: 1000, body: body)
        #expect(try StandardWebhookVerifier().verify(oldOnly, secrets: secrets).matchedSecret == .previous)
        let lateOld = IngestFixtures.standardRequest(old, signedAt: 2000, receivedAt: 2000, body: body)
        #expect(outcome { () throws(WebhookRejection) in try StandardWebhookVerifier().verify(lateOld, secrets: secrets) } == "no_matching_signature")
        // A sender mid-rotation signs with both; the current secret wins.
        var both = lateOld
        let list =
            IngestFixtures.standardSignature(old, id: "msg_test", timestamp: 2000, body: body) + " "
            + IngestFixtures.standardSignature(new, id: "msg_test", timestamp: 2000, body: body)
        both.headers = HeaderFields([("webhook-id", "msg_test"), ("webhook-timestamp", "2000"), ("webhook-signature", list)])
        #expect(try StandardWebhookVerifier().verify(both, secrets: secrets).matchedSecret == .current)
    }

    @Test func candidatesOmitAnExpiredOrUndatedPrevious() throws {
        let current = try WebhookSecret(bytes: [1])
        let previous = try WebhookSecret(bytes: [2])
        let undated = SourceSecrets(current: current, previous: previous, previousExpiresAt: nil)
        #expect(undated.candidates(at: Timestamp(milliseconds: 0)).map(\.slot) == [.current])
        let dated = SourceSecrets(current: current, previous: previous, previousExpiresAt: Timestamp(milliseconds: 10))
        #expect(dated.candidates(at: Timestamp(milliseconds: 9)).map(\.slot) == [.current, .previous])
        #expect(dated.candidates(at: Timestamp(milliseconds: 10)).map(\.slot) == [.current])
    }
}
