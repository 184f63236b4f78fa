import AureusIngest
import AureusProtocol
import Testing

/// Standard Webhooks: the published vectors (webhooks.md §3.1), tolerance edges, list handling.
@Suite struct StandardWebhookVerifierTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name, secret, id: String
        let timestamp: Int64
        let body, signature: String
        var testDescription: String { name }
    }

    static let published = [
        Vector(
            name: "SW-1",
            secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            timestamp: 1_614_265_330,
            body: #"{"test": 2432232314}"#,
            signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        ),
        Vector(
            name: "SW-2",
            secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            id: "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
            timestamp: 1_649_367_553,
            body: #"{"email":"test@example.com","username":"test_user"}"#,
            signature: "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="
        ),
        Vector(
            name: "SVIX-1 (18-byte key)",
            secret: "whsec_plJ3nmyCDGBKInavdOK15jsl",
            id: "msg_loFOjxBNrRLzqYUf",
            timestamp: 1_731_705_121,
            body: #"{"event_type":"ping","data":{"success":true}}"#,
            signature: "v1,rAvfW3dJ/X/qxhsaXPOyyCGmRKsaKWcsNccKXlIktD0="
        ),
    ]

    static func request(_ vector: Vector, signature: String? = nil, id: String? = nil, body: String? = nil, at: Int64? = nil) -> WebhookRequest {
        IngestFixtures.request(
            [("webhook-id", id ?? vector.id), ("webhook-timestamp", String(vector.timestamp)), ("webhook-signature", signature ?? vector.signature)],
            body: body ?? vector.body,
            receivedAtSeconds: at ?? vector.timestamp
        )
    }

    @Test(arguments: published)
    func publishedVectorsVerify(_ vector: Vector) throws {
        let delivery = try StandardWebhookVerifier().verify(Self.request(vector), secrets: IngestFixtures.secrets(vector.secret, .standard))
        #expect(delivery.eventID == vector.id)
        #expect(delivery.eventIDOrigin == .header)
        #expect(delivery.dedupKey == "standard:\(vector.id)")
        #expect(delivery.signedAt == Timestamp(milliseconds: vector.timestamp * 1000))
        #expect(delivery.matchedSecret == .current)
    }

    @Test(arguments: published)
    func tamperingIsRejected(_ vector: Vector) throws {
        let secrets = try IngestFixtures.secrets(vector.secret, .standard)
        let verifier = StandardWebhookVerifier()
        #expect(
            outcome { () throws(WebhookRejection) in try verifier.verify(Self.request(vector, body: vector.body + " "), secrets: secrets) }
                == "no_matching_signature"
        )
        #expect(
            outcome { () throws(WebhookRejection) in try verifier.verify(Self.request(vector, id: vector.id + "x"), secrets: secrets) }
                == "no_matching_signature"
        )
        var shifted = Self.request(vector)
        shifted.headers = HeaderFields([
            ("webhook-id", vector.id), ("webhook-timestamp", String(vector.timestamp + 1)), ("webhook-signature", vector.signature),
        ])
        #expect(outcome { () throws(WebhookRejection) in try verifier.verify(shifted, secrets: secrets) } == "no_matching_signature")
        let wrongKey = try IngestFixtures.secrets("whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", .standard)
        #expect(outcome { () throws(WebhookRejection) in try verifier.verify(Self.request(vector), secrets: wrongKey) } == "no_matching_signature")
    }

    @Test func publishedNegativeVectorsFail() throws {
        let sw1 = Self.published[0]
        let sw2 = Self.published[1]
        let verifier = StandardWebhookVerifier()
        let lastCharChanged = Self.request(sw1, signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=")
        #expect(
            outcome { () throws(WebhookRejection) in try verifier.verify(lastCharChanged, secrets: try! IngestFixtures.secrets(sw1.secret, .standard))
            }
                == "no_matching_signature"
        )
        let secrets2 = try IngestFixtures.secrets(sw2.secret, .standard)
        let wrong = Self.request(sw2, signature: "v1,R3PTzyfHASBKHH98a7yexTwaJ4yNIcGhFQc1yuN+BPU=")
        #expect(outcome { () throws(WebhookRejection) in try verifier.verify(wrong, secrets: secrets2) } == "no_matching_signature")
        let list =
            "v1,tFtCZ5RDCPxzWQRWXWPgrCgE2frDBe9gjpbWQxnVfsQ= v1,Mm7xgUVICxZfQ3bgf0h0Dof65L/IFx+PnZvnDWPCX6Q= v1,9DfC1c3eeOrXB6w/5dIDydLNQaEyww5KalE5jLBZucE="
        #expect(
            outcome { () throws(WebhookRejection) in try verifier.verify(Self.request(sw2, signature: list), secrets: secrets2) }
                == "no_matching_signature"
        )
    }

    @Test func anyOneValidEntryInAListIsEnough() throws {
        let sw2 = Self.published[1]
        let secrets = try IngestFixtures.secrets(sw2.secret, .standard)
        let list =
            "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg== v1,Mm7xgUVICxZfQ3bgf0h0Dof65L/IFx+PnZvnDWPCX6Q= "
            + "v2,MzJsNDZ4 v1,not-base64!! \(sw2.signature)"
        let delivery = try StandardWebhookVerifier().verify(Self.request(sw2, signature: "  " + list + "  "), secrets: secrets)
        #expect(delivery.eventID == sw2.id)
    }

    @Test func unpaddedSignatureAndSecretAreAccepted() throws {
        let sw1 = Self.published[0]
        let unpadded = String(sw1.signature.dropLast())
        let secret = try WebhookSecret(standard: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        #expect(
            try StandardWebhookVerifier().verify(Self.request(sw1, signature: unpadded), secrets: SourceSecrets(current: secret)).eventID == sw1.id
        )
    }

    @Test func onlyOtherVersionsIsUnsupported() throws {
        let sw1 = Self.published[0]
        let result = outcome { () throws(WebhookRejection) in
            try StandardWebhookVerifier().verify(
                Self.request(sw1, signature: "v1a,abcd v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
                secrets: try! IngestFixtures.secrets(sw1.secret, .standard)
            )
        }
        #expect(result == "unsupported_signature_scheme")
    }

    @Test(arguments: [
        (-300, "accepted"), (300, "accepted"), (-301, "timestamp_outside_tolerance"), (301, "timestamp_outside_tolerance"),
        (0, "accepted"), (-86_400, "timestamp_outside_tolerance"),
    ])
    func toleranceEdges(offset: Int64, expected: String) throws {
        let sw1 = Self.published[0]
        let secrets = try IngestFixtures.secrets(sw1.secret, .standard)
        #expect(
            outcome { () throws(WebhookRejection) in
                try StandardWebhookVerifier().verify(Self.request(sw1, at: sw1.timestamp + offset), secrets: secrets)
            }
                == expected
        )
    }

    @Test func toleranceIsConfigurableAndReportsSkew() throws {
        let sw1 = Self.published[0]
        let secrets = try IngestFixtures.secrets(sw1.secret, .standard)
        let verifier = WebhookKind.standard.verifier(toleranceSeconds: 10)
        #expect(verifier.toleranceSeconds == 10)
        #expect(throws: Never.self) { try verifier.verify(Self.request(sw1, at: sw1.timestamp + 10), secrets: secrets) }
        do {
            _ = try verifier.verify(Self.request(sw1, at: sw1.timestamp + 11), secrets: secrets)
            Issue.record("expected a rejection")
        } catch {
            #expect(error.reason == "timestamp_outside_tolerance")
            #expect(error.skewSeconds == 11)
            #expect(error.httpStatus == 401)
        }
        do {
            _ = try verifier.verify(Self.request(sw1, at: sw1.timestamp - 11), secrets: secrets)
            Issue.record("expected a rejection")
        } catch {
            #expect(error.skewSeconds == -11)
        }
    }

    @Test func headerNamesAreCaseInsensitiveAndSvixNamesWork() throws {
        let svix = Self.published[2]
        let secrets = try IngestFixtures.secrets(svix.secret, .standard)
        let upper = IngestFixtures.request(
            [("WEBHOOK-ID", svix.id), ("Webhook-Timestamp", String(svix.timestamp)), ("wEbHoOk-SiGnAtUrE", svix.signature)],
            body: svix.body,
            receivedAtSeconds: svix.timestamp
        )
        #expect(try StandardWebhookVerifier().verify(upper, secrets: secrets).eventID == svix.id)
        let svixNames = IngestFixtures.request(
            [("Svix-Id", svix.id), ("Svix-Timestamp", String(svix.timestamp)), ("Svix-Signature", svix.signature)],
            body: svix.body,
            receivedAtSeconds: svix.timestamp
        )
        #expect(try StandardWebhookVerifier().verify(svixNames, secrets: secrets).eventID == svix.id)
    }

    typealias HeaderCase = (headers: [(String, String)], expected: String)

    static let malformedCases: [HeaderCase] = [
        ([("webhook-timestamp", "1614265330"), ("webhook-signature", "v1,x")], "missing_header"),
        ([("webhook-id", "m"), ("webhook-signature", "v1,x")], "missing_header"),
        ([("webhook-id", "m"), ("webhook-timestamp", "1614265330")], "missing_header"),
        ([("webhook-id", "m"), ("webhook-timestamp", "16142653.30"), ("webhook-signature", "v1,x")], "malformed_header"),
        ([("webhook-id", "m"), ("webhook-timestamp", "+1614265330"), ("webhook-signature", "v1,x")], "malformed_header"),
        ([("webhook-id", "m"), ("webhook-timestamp", "99999999999999999999"), ("webhook-signature", "v1,x")], "malformed_header"),
        ([("webhook-id", "m"), ("webhook-timestamp", ""), ("webhook-signature", "v1,x")], "malformed_header"),
        ([("webhook-id", "m"), ("webhook-timestamp", "1614265330"), ("webhook-signature", "garbage")], "malformed_header"),
        ([("webhook-id", "m n"), ("webhook-timestamp", "1614265330"), ("webhook-signature", "v1,x")], "malformed_header"),
        ([("webhook-id", "m"), ("webhook-id", "n"), ("webhook-timestamp", "1614265330"), ("webhook-signature", "v1,x")], "malformed_header"),
        (
            [("webhook-id", "m"), ("webhook-timestamp", "1614265330"), ("webhook-signature", String(repeating: "v1,x ", count: 17))],
            "malformed_header"
        ),
    ]

    @Test(arguments: 0..<malformedCases.count)
    func malformedHeadersAreRejectedWith400(index: Int) throws {
        let (headers, expected) = Self.malformedCases[index]
        let request = IngestFixtures.request(headers, body: "{}", receivedAtSeconds: 1_614_265_330)
        do {
            _ = try StandardWebhookVerifier().verify(request, secrets: IngestFixtures.secrets(Self.published[0].secret, .standard))
            Issue.record("expected \(expected)")
        } catch let error as WebhookRejection {
            #expect(error.reason == expected)
            #expect(error.httpStatus == 400)
        }
    }

    @Test func onlyPostIsAccepted() throws {
        let sw1 = Self.published[0]
        var request = Self.request(sw1)
        request.method = "GET"
        do {
            _ = try StandardWebhookVerifier().verify(request, secrets: IngestFixtures.secrets(sw1.secret, .standard))
            Issue.record("expected a rejection")
        } catch let error as WebhookRejection {
            #expect(error.reason == "unsupported_method")
            #expect(error.httpStatus == 405)
        }
    }

    @Test func healthKitUsesTheSameSchemeUnderItsOwnKind() throws {
        let sw2 = Self.published[1]
        let delivery = try HealthKitVerifier().verify(Self.request(sw2), secrets: IngestFixtures.secrets(sw2.secret, .healthkit))
        #expect(delivery.kind == .healthkit)
        #expect(delivery.dedupKey == "healthkit:\(sw2.id)")
        #expect(WebhookKind.healthkit.verifier().kind == .healthkit)
    }
}
