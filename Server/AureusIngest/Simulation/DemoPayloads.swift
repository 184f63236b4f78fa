import AureusProtocol

/// Realistic payloads of every kind with fresh ids, for `aureusd simulate` and the ingest
/// benchmark. Values wander like a resting person's vitals; `seed` picks the user and value.
public enum DemoPayloads {
    /// A body and the event id to sign it with (see `WebhookSigner`).
    public static func make(kind: WebhookKind, seed: UInt64, time: Timestamp) -> (body: [UInt8], eventID: String) {
        let user = "demo-user-\(seed % 7)"
        let eventID = "evt_" + String(seed, radix: 16) + "_" + String(UInt64(bitPattern: time.milliseconds), radix: 16)
        let iso = time.iso8601
        let heartRate = 58 + Int64(seed % 23)
        let body: JSONValue
        switch kind {
        case .standard:
            body = ["type": "reading.created", "timestamp": .string(iso), "data": ["id": .string(eventID), "user_id": .string(user)]]
        case .healthkit:
            body = [
                "schema_version": 1, "device_id": "iphone-demo", "user": .string(user),
                "samples": [
                    ["type": "HKQuantityTypeIdentifierHeartRate", "value": .int(heartRate), "unit": "count/min", "start": .string(iso)],
                    ["type": "spo2", "value": .double(0.95 + Double(seed % 4) / 100), "unit": "%", "start": .string(iso)],
                ],
            ]
        case .oura:
            body = [
                "event_type": "update", "data_type": "sleep", "object_id": .string(eventID), "user_id": .string(user),
                "event_time": .string(iso),
            ]
        case .whoop:
            body = ["user_id": .int(Int64(seed % 7) + 10_000), "id": .string(eventID), "type": "recovery.updated", "trace_id": .string(eventID)]
        case .terra:
            body = [
                "type": "body", "user": ["user_id": .string(user), "provider": "GARMIN"],
                "data": [
                    [
                        "metadata": ["start_time": .string(iso), "end_time": .string(iso)],
                        "heart_rate_data": ["detailed": ["hr_samples": [["timestamp": .string(iso), "bpm": .int(heartRate)]]]],
                        "oxygen_data": ["saturation_samples": [["timestamp": .string(iso), "percentage": .int(95 + Int64(seed % 4))]]],
                    ]
                ],
            ]
        }
        return (CanonicalJSON.encode(body), eventID)
    }
}
