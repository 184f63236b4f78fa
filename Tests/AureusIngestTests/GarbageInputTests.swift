import AureusCrypto
import AureusIngest
import AureusProtocol
import Testing

/// Deterministic fuzzing: random bytes and mutated valid deliveries go through every verifier
/// and normaliser. The property is "returns or throws a typed error, never traps"; it also
/// checks that a mutated body never verifies under the original signature.
@Suite struct GarbageInputTests {
    /// SplitMix64: a fixed seed keeps failures reproducible.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet = Array(#"{}[]":,.-+0123456789eEtrufalsn \"\\vtx=whsec_v1a"#.utf8) + [0, 0xFF, 0xC3, 0x28]

    static func bytes(_ rng: inout SplitMix, count: Int) -> [UInt8] {
        (0..<count).map { _ in Bool.random(using: &rng) ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng) }
    }

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var out = input
        switch Int.random(in: 0..<4, using: &rng) {
        case 0 where !out.isEmpty: out[Int.random(in: 0..<out.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
        case 1 where !out.isEmpty: out.removeSubrange(Int.random(in: 0..<out.count, using: &rng)...)
        case 2: out.insert(alphabet.randomElement(using: &rng)!, at: Int.random(in: 0...out.count, using: &rng))
        default: out += bytes(&rng, count: 3)
        }
        return out
    }

    static let headerNames = [
        "webhook-id", "webhook-timestamp", "webhook-signature", "svix-signature", "x-oura-signature", "x-oura-timestamp",
        "x-whoop-signature", "x-whoop-signature-timestamp", "terra-signature", "x-terra-signature", "x-terra-trace-id",
    ]

    @Test func randomRequestsNeverTrapAndNeverVerify() throws {
        var rng = SplitMix(state: 0xA0E0_5EED)
        let secrets = SourceSecrets(current: try WebhookSecret(bytes: Array("fuzz-secret".utf8)))
        let verifiers = WebhookKind.allCases.map { $0.verifier() }
        var rejected = 0
        for _ in 0..<400 {
            var headers = HeaderFields()
            for name in Self.headerNames where Bool.random(using: &rng) {
                let value = String(decoding: Self.bytes(&rng, count: Int.random(in: 0..<80, using: &rng)), as: UTF8.self)
                headers.append(name: name, value: Bool.random(using: &rng) ? value : "t=1700000000,v1=" + value)
            }
            let request = WebhookRequest(
                headers: headers,
                body: Self.bytes(&rng, count: Int.random(in: 0..<200, using: &rng)),
                receivedAt: Timestamp(milliseconds: Int64.random(in: 0...Int64.max, using: &rng))
            )
            for verifier in verifiers {
                #expect(throws: WebhookRejection.self) { try verifier.verify(request, secrets: secrets) }
                rejected += 1
            }
        }
        #expect(rejected == 400 * WebhookKind.allCases.count)
    }

    @Test func mutatedValidDeliveriesNeverTrapAndTamperingNeverVerifies() throws {
        var rng = SplitMix(state: 42)
        let bodies: [(WebhookKind, String)] = [
            (.oura, ProviderVerifierTests.ouraBody), (.whoop, ProviderVerifierTests.whoopBody), (.terra, NormaliserTests.terraDaily),
            (.standard, #"{"type":"contact.created","timestamp":"2022-11-03T20:26:10Z","data":{"id":"c_1"}}"#),
            (.healthkit, HealthKitNormaliserTests.body(#"{"type":"heart_rate","value":62,"unit":"bpm","start":"2026-03-01T07:00:00Z"}"#)),
        ]
        let standardSecret = try WebhookSecret(configured: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", kind: .standard)
        for (kind, body) in bodies {
            let normaliser = kind.normaliser(pseudonymizer: IngestFixtures.pseudonymizer)
            let original: WebhookRequest
            let secrets: SourceSecrets
            switch kind {
            case .oura:
                original = IngestFixtures.ouraRequest("k", timestamp: 1_700_000_000, receivedAt: 1_700_000_000, body: body)
                secrets = try IngestFixtures.secrets("k", .oura)
            case .whoop:
                original = IngestFixtures.whoopRequest("k", timestampMillis: 1_700_000_000_000, receivedAt: 1_700_000_000, body: body)
                secrets = try IngestFixtures.secrets("k", .whoop)
            case .terra:
                original = IngestFixtures.terraRequest("k", timestamp: 1_700_000_000, receivedAt: 1_700_000_000, body: body)
                secrets = try IngestFixtures.secrets("k", .terra)
            case .standard, .healthkit:
                original = IngestFixtures.standardRequest(standardSecret, signedAt: 1_700_000_000, receivedAt: 1_700_000_000, body: body)
                secrets = SourceSecrets(current: standardSecret)
            }
            let verifier = kind.verifier()
            let delivery = try verifier.verify(original, secrets: secrets)
            #expect(throws: Never.self) { try normaliser.normalise(original.body, delivery: delivery) }
            for _ in 0..<300 {
                var mutated = original
                mutated.body = Self.mutate(original.body, &rng)
                if mutated.body != original.body {
                    #expect(throws: WebhookRejection.self) { try verifier.verify(mutated, secrets: secrets) }
                }
                _ = try? normaliser.normalise(mutated.body, delivery: delivery)
                _ = try? normaliser.normalise(Self.bytes(&rng, count: Int.random(in: 0..<64, using: &rng)), delivery: delivery)
            }
        }
    }

    @Test func deeplyNestedAndHugeNumbersAreRejectedCleanly() {
        let deep = String(repeating: "[", count: 100_000)
        let delivery = IngestFixtures.delivery(.terra)
        for kind in WebhookKind.allCases {
            let normaliser = kind.normaliser(pseudonymizer: IngestFixtures.pseudonymizer)
            #expect(throws: NormalisationError.self) { try normaliser.normalise(Array(deep.utf8), delivery: delivery) }
        }
        let huge =
            #"{"type":"daily","user":{"user_id":"u"},"data":[{"metadata":{"start_time":"9999-12-31T23:59:59Z"},"distance_data":{"steps":1e400},"#
            + #""heart_rate_data":{"detailed":{"hr_samples":[{"timestamp":"0000-01-01T00:00:00Z","bpm":60}]}}}]}"#
        let normaliser = WebhookKind.terra.normaliser(pseudonymizer: IngestFixtures.pseudonymizer)
        if let payload = try? normaliser.normalise(Array(huge.utf8), delivery: delivery) {
            #expect(payload.samples.isEmpty)
        }
    }
}
