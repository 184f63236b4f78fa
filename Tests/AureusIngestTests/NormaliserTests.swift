import AureusIngest
import AureusProtocol
import Testing

/// Oura, WHOOP, Terra and Standard payloads on realistic bodies and broken ones.
@Suite struct NormaliserTests {
    static let normalisers = Dictionary(
        uniqueKeysWithValues: WebhookKind.allCases.map { ($0, $0.normaliser(pseudonymizer: IngestFixtures.pseudonymizer)) }
    )

    static func normalise(_ kind: WebhookKind, _ body: String) throws(NormalisationError) -> NormalisedPayload {
        try normalisers[kind]!.normalise(Array(body.utf8), delivery: IngestFixtures.delivery(kind))
    }

    @Test func ouraNotification() throws {
        let payload = try Self.normalise(.oura, ProviderVerifierTests.ouraBody)
        #expect(payload.samples.isEmpty)
        #expect(
            payload.notifications == [
                WebhookNotification(
                    provider: .oura,
                    eventType: "sleep.update",
                    user: IngestFixtures.pseudonym(.oura, "user123"),
                    objectID: "12345abc",
                    time: IngestFixtures.time("2023-01-01T08:00:00Z")
                )
            ]
        )
    }

    @Test func whoopNotificationsV2AndV1() throws {
        let v2 = try Self.normalise(.whoop, ProviderVerifierTests.whoopBody)
        #expect(
            v2.notifications == [
                WebhookNotification(
                    provider: .whoop,
                    eventType: "sleep.updated",
                    user: IngestFixtures.pseudonym(.whoop, "456"),
                    objectID: "550e8400-e29b-41d4-a716-446655440000",
                    time: IngestFixtures.delivery(.whoop).signedAt
                )
            ]
        )
        let v1 = try Self.normalise(.whoop, #"{"user_id": 10129, "id": 10235, "type": "workout.updated", "trace_id": "d3709ee7"}"#)
        #expect(v1.notifications.first?.objectID == "10235")
        #expect(v1.notifications.first?.eventType == "workout.updated")
        #expect(v1.notifications.first?.user == IngestFixtures.pseudonym(.whoop, "10129"))
    }

    static let terraDaily = """
        {"type":"daily","version":"2022-03-16","user":{"user_id":"4735eac4-31a2","provider":"GARMIN","reference_id":"tony"},
         "data":[{"metadata":{"start_time":"2026-03-01T00:00:00.000000+00:00","end_time":"2026-03-02T00:00:00.000000+00:00","upload_type":1},
           "heart_rate_data":{"summary":{"resting_hr_bpm":54,"avg_hr_bpm":70},
             "detailed":{"hr_samples":[{"timestamp":"2026-03-01T08:00:00+00:00","bpm":61},{"timestamp":"2026-03-01T08:01:00+00:00","bpm":63.5},
                                      {"timestamp":"bad","bpm":60},{"timestamp":"2026-03-01T08:02:00+00:00","bpm":"62"},{"timestamp":"2026-03-01T08:03:00+00:00","bpm":900}],
                         "hrv_samples_rmssd":[{"timestamp":"2026-03-01T03:00:00+00:00","hrv_rmssd":41.2}],
                         "hrv_samples_sdnn":[{"timestamp":"2026-03-01T03:00:00+00:00","hrv_sdnn":55}]}},
           "oxygen_data":{"avg_saturation_percentage":97,"saturation_samples":[{"timestamp":"2026-03-01T04:00:00Z","percentage":96}]},
           "distance_data":{"steps":8123,"distance_meters":6000},
           "scores":{"sleep":81,"recovery":null,"activity":null}}]}
        """

    @Test func terraDailyBecomesSamples() throws {
        let payload = try Self.normalise(.terra, Self.terraDaily)
        let user = IngestFixtures.pseudonym(.terra, "4735eac4-31a2")
        let start = IngestFixtures.time("2026-03-01T00:00:00Z")
        let end = IngestFixtures.time("2026-03-02T00:00:00Z")
        func sample(_ metric: BiometricMetric, _ value: Double, _ time: String) -> BiometricSample {
            BiometricSample(source: .terra, user: user, metric: metric, value: value, time: IngestFixtures.time(time))
        }
        let expected: Set<BiometricSample> = [
            sample(.heartRate, 61, "2026-03-01T08:00:00Z"), sample(.heartRate, 63.5, "2026-03-01T08:01:00Z"),
            sample(.hrvRMSSD, 41.2, "2026-03-01T03:00:00Z"), sample(.hrvSDNN, 55, "2026-03-01T03:00:00Z"),
            sample(.spo2, 96, "2026-03-01T04:00:00Z"),
            BiometricSample(source: .terra, user: user, metric: .restingHeartRate, value: 54, time: start, endTime: end),
            BiometricSample(source: .terra, user: user, metric: .steps, value: 8123, time: start, endTime: end),
            BiometricSample(source: .terra, user: user, metric: .sleepScore, value: 81, time: start, endTime: end),
        ]
        #expect(Set(payload.samples) == expected)
        #expect(payload.samples.count == expected.count)
        #expect(payload.skippedCount == 3)
        #expect(payload.notifications.isEmpty)
        #expect(payload.samples.allSatisfy { $0.unit == $0.metric.unit })
    }

    @Test func terraSleepAndEmptyData() throws {
        let sleep = """
            {"type":"sleep","user":{"user_id":"tu-1"},"data":[{"metadata":{"start_time":"2026-03-01T23:00:00Z","end_time":"2026-03-02T07:00:00Z"},
             "respiration_data":{"breaths_data":{"samples":[{"timestamp":"2026-03-02T01:00:00Z","breaths_per_min":14}]},
               "oxygen_saturation_data":{"samples":[{"timestamp":"2026-03-02T01:00:00Z","percentage":95}]}},
             "data_enrichment":{"sleep_score":77}}]}
            """
        let payload = try Self.normalise(.terra, sleep)
        #expect(payload.samples.map(\.metric).sorted { $0.rawValue < $1.rawValue } == [.respiratoryRate, .sleepScore, .spo2])
        #expect(payload.samples.first { $0.metric == .sleepScore }?.endTime == IngestFixtures.time("2026-03-02T07:00:00Z"))
        #expect(try Self.normalise(.terra, #"{"type":"activity","user":{"user_id":"tu-123"},"data":[]}"#) == NormalisedPayload())
    }

    @Test func terraEventsBecomeNotifications() throws {
        let auth = """
            {"type":"auth","status":"success","widget_session_id":"a9a0c7a4","user":{"scopes":"HEALTH_EXPORT","active":true,
             "last_webhook_update":null,"created_at":"2024-10-07T03:45:00.000000+00:00","user_id":"4735eac4-31a2-47ef-8b11-51e98d84c680",
             "reference_id":"tony_stark","provider":"GARMIN"},"reference_id":"tony_stark","message":"ok","version":"2022-03-16"}
            """
        let payload = try Self.normalise(.terra, auth)
        #expect(payload.notifications.map(\.eventType) == ["auth"])
        #expect(payload.notifications.first?.user == IngestFixtures.pseudonym(.terra, "4735eac4-31a2-47ef-8b11-51e98d84c680"))
        let health = try Self.normalise(.terra, #"{"type":"healthcheck"}"#)
        #expect(health.notifications.first?.user == nil)
        #expect(health.notifications.first?.time == IngestFixtures.delivery(.terra).signedAt)
    }

    @Test func standardEnvelope() throws {
        let body = #"{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"c_1","user_id":"u9"}}"#
        let payload = try Self.normalise(.standard, body)
        #expect(
            payload.notifications == [
                WebhookNotification(
                    provider: .standard,
                    eventType: "contact.created",
                    user: IngestFixtures.pseudonym(.standard, "u9"),
                    objectID: "c_1",
                    time: IngestFixtures.time("2022-11-03T20:26:10.344Z")
                )
            ]
        )
    }

    struct BadBody: Sendable, CustomTestStringConvertible {
        let kind: WebhookKind
        let body: String
        let reason: String
        let path: String
        var testDescription: String { "\(kind) \(reason) \(path)" }
    }

    static let badBodies: [BadBody] = [
        BadBody(kind: .oura, body: "", reason: "malformed_json", path: ""),
        BadBody(kind: .oura, body: "[1]", reason: "invalid_field", path: ""),
        BadBody(kind: .oura, body: #"{"data_type":"sleep","user_id":"u"}"#, reason: "missing_field", path: "event_type"),
        BadBody(kind: .oura, body: #"{"event_type":"update","data_type":"sleep","user_id":true}"#, reason: "invalid_field", path: "user_id"),
        BadBody(
            kind: .oura,
            body: #"{"event_type":"update","data_type":"sleep","user_id":"u","event_time":"yesterday"}"#,
            reason: "invalid_field",
            path: "event_time"
        ),
        BadBody(kind: .whoop, body: #"{"user_id":1,"type":"sleep.updated"}"#, reason: "missing_field", path: "id"),
        BadBody(kind: .whoop, body: #"{"user_id":1,"id":2,"type":""}"#, reason: "invalid_field", path: "type"),
        BadBody(kind: .whoop, body: "{\"user_id\":1,", reason: "malformed_json", path: ""),
        BadBody(kind: .terra, body: #"{"user":{"user_id":"x"}}"#, reason: "missing_field", path: "type"),
        BadBody(kind: .terra, body: #"{"type":"daily","data":[]}"#, reason: "missing_field", path: "user"),
        BadBody(kind: .terra, body: #"{"type":"daily","user":{},"data":[]}"#, reason: "missing_field", path: "user.user_id"),
        BadBody(kind: .terra, body: #"{"type":"daily","user":{"user_id":"x"},"data":{}}"#, reason: "invalid_field", path: "data"),
        BadBody(kind: .terra, body: #"{"type":"daily","user":{"user_id":"x"},"data":[3]}"#, reason: "invalid_field", path: "data[0]"),
        BadBody(kind: .terra, body: #"{"type":"auth","user":"x"}"#, reason: "invalid_field", path: "user"),
        BadBody(kind: .standard, body: #"{"data":{}}"#, reason: "missing_field", path: "type"),
    ]

    @Test(arguments: badBodies)
    func malformedBodiesAreTypedErrors(_ bad: BadBody) {
        do {
            _ = try Self.normalise(bad.kind, bad.body)
            Issue.record("expected \(bad.reason)")
        } catch {
            #expect(error.reason == bad.reason)
            #expect(error.path == bad.path)
            #expect(error.httpStatus == 400)
        }
    }

    @Test func keyedHashPseudonymsAreStableKeyedAndProviderScoped() {
        let a = UserPseudonymizer.keyedHash(key: Array("key-a".utf8))
        let b = UserPseudonymizer.keyedHash(key: Array("key-b".utf8))
        let first = a.pseudonym(provider: .whoop, rawUserID: "456")
        #expect(first == a.pseudonym(provider: .whoop, rawUserID: "456"))
        #expect(first.value.count == 64)
        #expect(first != a.pseudonym(provider: .oura, rawUserID: "456"))
        #expect(first != a.pseudonym(provider: .whoop, rawUserID: "4560"))
        #expect(first != b.pseudonym(provider: .whoop, rawUserID: "456"))
    }
}
