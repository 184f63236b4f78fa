import AureusIngest
import AureusProtocol
import Testing

/// Our bridge schema: identifiers, unit conversion, strictness on known types.
@Suite struct HealthKitNormaliserTests {
    static func normalise(_ body: String) throws(NormalisationError) -> NormalisedPayload {
        try HealthKitNormaliser(pseudonymizer: IngestFixtures.pseudonymizer)
            .normalise(Array(body.utf8), delivery: IngestFixtures.delivery(.healthkit))
    }

    static func body(_ samples: String) -> String {
        #"{"schema_version":1,"device_id":"iphone-7F3A","user":"bridge-user-42","samples":["# + samples + "]}"
    }

    @Test func realisticPayload() throws {
        let payload = try Self.normalise(
            Self.body(
                """
                {"type":"HKQuantityTypeIdentifierHeartRate","value":62,"unit":"count/min","start":"2026-03-01T07:00:00Z","end":"2026-03-01T07:00:05Z"},
                {"type":"heart_rate","value":64.5,"unit":"bpm","start":"2026-03-01T07:01:00+01:00"},
                {"type":"HKQuantityTypeIdentifierHeartRateVariabilitySDNN","value":0.048,"unit":"s","start":"2026-03-01T03:00:00Z"},
                {"type":"HKQuantityTypeIdentifierOxygenSaturation","value":0.97,"unit":"%","start":"2026-03-01T03:00:00Z"},
                {"type":"spo2","value":95,"unit":"%","start":"2026-03-01T03:05:00Z"},
                {"type":"HKQuantityTypeIdentifierStepCount","value":1200,"unit":"count","start":"2026-03-01T08:00:00Z","end":"2026-03-01T09:00:00Z"},
                {"type":"HKQuantityTypeIdentifierRespiratoryRate","value":14,"unit":"count/min","start":"2026-03-01T03:00:00Z"},
                {"type":"HKCategoryTypeIdentifierSleepAnalysis","value":1,"unit":"","start":"2026-03-01T03:00:00Z"},
                {"type":"sleep_score","value":80,"unit":"score","start":"2026-03-01T07:00:00Z"}
                """
            )
        )
        let user = IngestFixtures.pseudonym(.healthkit, "bridge-user-42")
        #expect(payload.skippedCount == 1)
        #expect(payload.samples.allSatisfy { $0.user == user && $0.source == .healthkit })
        #expect(payload.samples.map(\.metric) == [.heartRate, .heartRate, .hrvSDNN, .spo2, .spo2, .steps, .respiratoryRate, .sleepScore])
        let values = payload.samples.map(\.value)
        #expect(values[0] == 62)
        #expect(values[1] == 64.5)
        #expect(abs(values[2] - 48) < 1e-9)
        #expect(abs(values[3] - 97) < 1e-9)
        #expect(values[4] == 95)
        #expect(payload.samples[0].endTime == IngestFixtures.time("2026-03-01T07:00:05Z"))
        #expect(payload.samples[1].time == IngestFixtures.time("2026-03-01T06:01:00Z"))
        #expect(payload.samples[5].endTime == IngestFixtures.time("2026-03-01T09:00:00Z"))
        #expect(!payload.samples.contains { $0.user.value.contains("bridge-user-42") })
    }

    @Test(
        arguments: [
            (#"{"device_id":"d","user":"u"}"#, "missing_field", "samples"),
            (#"{"device_id":"d","samples":[]}"#, "missing_field", "user"),
            (#"{"user":"u","samples":[]}"#, "missing_field", "device_id"),
            (#"{"schema_version":2,"device_id":"d","user":"u","samples":[]}"#, "invalid_field", "schema_version"),
            (#"{"device_id":"d","user":"u","samples":{}}"#, "invalid_field", "samples"),
            (#"{"device_id":"d","user":"u","samples":[7]}"#, "invalid_field", "samples[0]"),
            (#"{"device_id":"d","user":"u","samples":[{"value":1}]}"#, "missing_field", "samples[0].type"),
            (
                #"{"device_id":"d","user":"u","samples":[{"type":"heart_rate","unit":"count/min","start":"2026-03-01T07:00:00Z"}]}"#, "missing_field",
                "samples[0].value"
            ),
            (
                #"{"device_id":"d","user":"u","samples":[{"type":"heart_rate","value":"62","unit":"count/min","start":"2026-03-01T07:00:00Z"}]}"#,
                "invalid_field", "samples[0].value"
            ),
            (
                #"{"device_id":"d","user":"u","samples":[{"type":"heart_rate","value":62,"unit":"kg","start":"2026-03-01T07:00:00Z"}]}"#,
                "invalid_field", "samples[0].unit"
            ),
            (
                #"{"device_id":"d","user":"u","samples":[{"type":"heart_rate","value":-1,"unit":"bpm","start":"2026-03-01T07:00:00Z"}]}"#,
                "invalid_field", "samples[0].value"
            ),
            (
                #"{"device_id":"d","user":"u","samples":[{"type":"spo2","value":140,"unit":"%","start":"2026-03-01T07:00:00Z"}]}"#, "invalid_field",
                "samples[0].value"
            ),
            (#"{"device_id":"d","user":"u","samples":[{"type":"steps","value":5,"unit":"count"}]}"#, "missing_field", "samples[0].start"),
            (
                #"{"device_id":"d","user":"u","samples":[{"type":"steps","value":5,"unit":"count","start":"1700000000000"}]}"#, "invalid_field",
                "samples[0].start"
            ),
            (
                #"{"device_id":"d","user":"u","samples":[{"type":"steps","value":5,"unit":"count","start":"2026-03-01T07:00:00Z","end":"2026-03-01T06:00:00Z"}]}"#,
                "invalid_field", "samples[0].end"
            ),
        ] as [(String, String, String)]
    )
    func strictOnKnownTypes(body: String, reason: String, path: String) {
        do {
            _ = try Self.normalise(body)
            Issue.record("expected \(reason) at \(path)")
        } catch {
            #expect(error.reason == reason)
            #expect(error.path == path)
        }
    }

    @Test func tooManySamplesIsRefused() {
        let one = #"{"type":"x","value":1,"unit":"count","start":"2026-03-01T07:00:00Z"}"#
        let body = Self.body(Array(repeating: one, count: HealthKitNormaliser.maxSamples + 1).joined(separator: ","))
        #expect(throws: NormalisationError.self) { try Self.normalise(body) }
    }
}
