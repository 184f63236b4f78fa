import AureusCrypto
import AureusIngest
import AureusProtocol
import Foundation
import Testing

/// Oura, WHOOP and Terra: the self-computed vectors of webhooks.md §3.2 (our reading of each
/// provider's documented algorithm) plus each scheme's own rules.
@Suite struct ProviderVerifierTests {
    static let ouraBody =
        #"{"event_type":"update","data_type":"sleep","object_id":"12345abc","event_time":"2023-01-01T08:00:00+00:00","user_id":"user123"}"#
    static let whoopBody =
        #"{"user_id":456,"id":"550e8400-e29b-41d4-a716-446655440000","type":"sleep.updated","trace_id":"e369c784-5100-49e8-8098-75d35c47b31b"}"#

    static func ouraVector(
        signature: String = "56EE90F1A777E02FD659614D33035FAB4EA1BBDFA58AA6E08394A64645DBD406",
        body: String = ouraBody,
        at: Int64 = 1_700_000_000
    )
        -> WebhookRequest
    {
        IngestFixtures.request([("x-oura-signature", signature), ("x-oura-timestamp", "1700000000")], body: body, receivedAtSeconds: at)
    }

    @Test func ouraVector() throws {
        let secrets = try IngestFixtures.secrets("oura_test_client_secret", .oura)
        let delivery = try OuraVerifier().verify(Self.ouraVector(), secrets: secrets)
        #expect(delivery.kind == .oura)
        #expect(delivery.signedAt == Timestamp(milliseconds: 1_700_000_000_000))
        #expect(delivery.eventIDOrigin == .derived)
        #expect(delivery.eventID.hasPrefix("sha256:"))
        #expect(!delivery.eventID.contains("user123"))
        // The same event re-sent later (a retry) keeps its id; another event gets another one.
        let retry = try OuraVerifier().verify(
            IngestFixtures.ouraRequest("oura_test_client_secret", timestamp: 1_700_000_060, receivedAt: 1_700_000_060, body: Self.ouraBody),
            secrets: secrets
        )
        #expect(retry.eventID == delivery.eventID)
        let other = try OuraVerifier().verify(
            IngestFixtures.ouraRequest(
                "oura_test_client_secret",
                timestamp: 1_700_000_000,
                receivedAt: 1_700_000_000,
                body: Self.ouraBody.replacingOccurrences(of: "12345abc", with: "12345abd")
            ),
            secrets: secrets
        )
        #expect(other.eventID != delivery.eventID)
        // Lowercase hex is the same bytes.
        let lower = Self.ouraVector(signature: "56EE90F1A777E02FD659614D33035FAB4EA1BBDFA58AA6E08394A64645DBD406".lowercased())
        #expect(try OuraVerifier().verify(lower, secrets: secrets).eventID == delivery.eventID)
    }

    @Test func ouraRejections() throws {
        let secrets = try IngestFixtures.secrets("oura_test_client_secret", .oura)
        let verifier = OuraVerifier()
        #expect(
            outcome { () throws(WebhookRejection) in try verifier.verify(Self.ouraVector(body: Self.ouraBody + "\n"), secrets: secrets) }
                == "no_matching_signature"
        )
        #expect(
            outcome { () throws(WebhookRejection) in
                try verifier.verify(Self.ouraVector(signature: "56EE90F1A777E02FD659614D33035FAB4EA1BBDFA58AA6E08394A64645DBD407"), secrets: secrets)
            } == "no_matching_signature"
        )
        #expect(
            outcome { () throws(WebhookRejection) in try verifier.verify(Self.ouraVector(signature: "ZZ"), secrets: secrets) } == "malformed_header"
        )
        #expect(
            outcome { () throws(WebhookRejection) in try verifier.verify(Self.ouraVector(at: 1_700_000_301), secrets: secrets) }
                == "timestamp_outside_tolerance"
        )
        #expect(outcome { () throws(WebhookRejection) in try verifier.verify(Self.ouraVector(at: 1_699_999_700), secrets: secrets) } == "accepted")
        let noTimestamp = IngestFixtures.request([("x-oura-signature", "00")], body: "{}", receivedAtSeconds: 1)
        #expect(outcome { () throws(WebhookRejection) in try verifier.verify(noTimestamp, secrets: secrets) } == "missing_header")
    }

    @Test func whoopVector() throws {
        let secrets = try IngestFixtures.secrets("whoop_test_client_secret", .whoop)
        let request = IngestFixtures.request(
            [("X-WHOOP-Signature", "XG2kqpMPyVHZIJkfKYu42jnMb+P7Q19fXxb9qzBLCKQ="), ("X-WHOOP-Signature-Timestamp", "1748241241000")],
            body: Self.whoopBody,
            receivedAtSeconds: 1_748_241_241
        )
        let delivery = try WhoopVerifier().verify(request, secrets: secrets)
        #expect(delivery.eventID == "e369c784-5100-49e8-8098-75d35c47b31b")
        #expect(delivery.eventIDOrigin == .payload)
        #expect(delivery.signedAt == Timestamp(milliseconds: 1_748_241_241_000))

        var tampered = request
        tampered.body = Array(Self.whoopBody.replacingOccurrences(of: "456", with: "457").utf8)
        #expect(outcome { () throws(WebhookRejection) in try WhoopVerifier().verify(tampered, secrets: secrets) } == "no_matching_signature")
    }

    @Test(arguments: [
        (300_000, "accepted"), (-300_000, "accepted"), (300_001, "timestamp_outside_tolerance"), (-300_001, "timestamp_outside_tolerance"),
    ])
    func whoopToleranceIsInMilliseconds(offsetMillis: Int64, expected: String) throws {
        let secrets = try IngestFixtures.secrets("k", .whoop)
        var request = IngestFixtures.whoopRequest("k", timestampMillis: 1_748_241_241_000, receivedAt: 0, body: Self.whoopBody)
        request.receivedAt = Timestamp(milliseconds: 1_748_241_241_000 + offsetMillis)
        #expect(outcome { () throws(WebhookRejection) in try WhoopVerifier().verify(request, secrets: secrets) } == expected)
    }

    @Test func whoopWithoutTraceIDFallsBackToBodyHash() throws {
        let body = #"{"user_id":1,"id":2,"type":"workout.updated"}"#
        let delivery = try WhoopVerifier().verify(
            IngestFixtures.whoopRequest("k", timestampMillis: 5_000, receivedAt: 5, body: body),
            secrets: IngestFixtures.secrets("k", .whoop)
        )
        #expect(delivery.eventIDOrigin == .derived)
        #expect(delivery.eventID == "sha256:" + SHA256.hex(Array("\(body.utf8.count):\(body)".utf8)))
    }

    @Test func terraVector() throws {
        let secrets = try IngestFixtures.secrets("terra_test_signing_secret", .terra)
        let header = "t=1723808700,v1=e01de9761d625b3e95949103e2b871dc27f9a3d0a96d9eb470f3721d20ed6099"
        for name in ["terra-signature", "X-Terra-Signature", "TERRA-SIGNATURE"] {
            let request = IngestFixtures.request(
                [(name, header), ("X-Terra-Trace-Id", "trace-abc")],
                body: #"{"type":"healthcheck"}"#,
                receivedAtSeconds: 1_723_808_700
            )
            let delivery = try TerraVerifier().verify(request, secrets: secrets)
            #expect(delivery.eventID == "trace-abc")
            #expect(delivery.eventIDOrigin == .header)
        }
    }

    /// Terra's header format is Stripe's, and both key HMAC with the UTF-8 secret string, so the
    /// OURS-STRIPE vector also pins that UTF-8 kinds never base64-decode a `whsec_` secret.
    @Test func stripeShapedVectorThroughTheTerraScheme() throws {
        let secrets = try IngestFixtures.secrets("whsec_test_secret", .terra)
        let request = IngestFixtures.request(
            [("terra-signature", "t=1700000000,v1=d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990")],
            body: #"{"id":"evt_test_webhook","object":"event"}"#,
            receivedAtSeconds: 1_700_000_000
        )
        let delivery = try TerraVerifier().verify(request, secrets: secrets)
        #expect(delivery.eventIDOrigin == .derived)
    }

    @Test func terraAcceptsAnyOfSeveralV1AndIgnoresOtherKeys() throws {
        let secrets = try IngestFixtures.secrets("terra_test_signing_secret", .terra)
        let good = "e01de9761d625b3e95949103e2b871dc27f9a3d0a96d9eb470f3721d20ed6099"
        let bad = String(repeating: "ab", count: 32)
        func verify(_ header: String) -> String {
            outcome { () throws(WebhookRejection) in
                try TerraVerifier().verify(
                    IngestFixtures.request([("terra-signature", header)], body: #"{"type":"healthcheck"}"#, receivedAtSeconds: 1_723_808_700),
                    secrets: secrets
                )
            }
        }
        #expect(verify("t=1723808700,v1=\(bad),v1=\(good)") == "accepted")
        #expect(verify("v0=\(bad), v1=\(bad) , v1=123, t=1723808700, v1=\(good)") == "accepted")
        #expect(verify("t=1723808700,v1=\(bad)") == "no_matching_signature")
        #expect(verify("t=1723808701,v1=\(good)") == "no_matching_signature")
        #expect(verify("t=1723808700,v0=\(good)") == "unsupported_signature_scheme")
        #expect(verify("v1=\(good)") == "malformed_header")
        #expect(verify("t=Infinity,v1=\(good)") == "malformed_header")
        #expect(verify("t=1723808700,t=1723808700,v1=\(good)") == "malformed_header")
        #expect(verify("t1723808700,v1=\(good)") == "malformed_header")
        #expect(verify("t=1723808400,v1=\(good)").hasPrefix("no_matching"))
    }

    @Test(arguments: [(300, "accepted"), (-300, "accepted"), (301, "timestamp_outside_tolerance"), (-301, "timestamp_outside_tolerance")])
    func terraToleranceEdges(offset: Int64, expected: String) throws {
        let request = IngestFixtures.terraRequest("s", timestamp: 1_723_808_700, receivedAt: 1_723_808_700 + offset, body: "{}")
        let secrets = try IngestFixtures.secrets("s", .terra)
        #expect(outcome { () throws(WebhookRejection) in try TerraVerifier().verify(request, secrets: secrets) } == expected)
    }

    @Test func everyKindHasAConfigurableTolerance() throws {
        for kind in WebhookKind.allCases {
            #expect(kind.verifier().toleranceSeconds == 300)
            #expect(kind.verifier(toleranceSeconds: 42).toleranceSeconds == 42)
            #expect(kind.verifier(toleranceSeconds: 42).kind == kind)
        }
        let strict = WebhookKind.oura.verifier(toleranceSeconds: 0)
        let secrets = try IngestFixtures.secrets("oura_test_client_secret", .oura)
        #expect(outcome { () throws(WebhookRejection) in try strict.verify(Self.ouraVector(), secrets: secrets) } == "accepted")
        #expect(
            outcome { () throws(WebhookRejection) in try strict.verify(Self.ouraVector(at: 1_700_000_001), secrets: secrets) }
                == "timestamp_outside_tolerance"
        )
    }
}
