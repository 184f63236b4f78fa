import AureusProtocol

/// Our own bridge schema (documented in docs/webhooks.md):
///
/// ```json
/// {"schema_version": 1, "device_id": "iphone-7F3A", "user": "bridge-user-42",
///  "samples": [{"type": "HKQuantityTypeIdentifierHeartRate", "value": 62, "unit": "count/min",
///               "start": "2026-03-01T07:00:00Z", "end": "2026-03-01T07:00:05Z"}]}
/// ```
///
/// Stricter than the provider normalisers because we own both ends: a known sample type with a
/// wrong unit, value or time is a 400 naming `samples[i].field`; an unknown `type` is skipped
/// and counted so older servers accept newer apps.
public struct HealthKitNormaliser: WebhookNormaliser {
    public static let schemaVersion: Int64 = 1
    public static let maxSamples = 10_000

    public let pseudonymizer: UserPseudonymizer
    public var kind: WebhookKind { .healthkit }

    public init(pseudonymizer: UserPseudonymizer) { self.pseudonymizer = pseudonymizer }

    public func normalise(_ body: [UInt8], delivery: VerifiedDelivery) throws(NormalisationError) -> NormalisedPayload {
        let document = try PayloadReader.document(body)
        if let version = document["schema_version"], version != .null, version.intValue != Self.schemaVersion {
            throw NormalisationError(.invalidField, path: "schema_version", "only schema_version \(Self.schemaVersion) is supported")
        }
        _ = try PayloadReader.string(document["device_id"], "device_id")
        let user = pseudonymizer.pseudonym(provider: .healthkit, rawUserID: try PayloadReader.string(document["user"], "user"))
        guard let rawSamples = document["samples"], rawSamples != .null else {
            throw NormalisationError(.missingField, path: "samples", "required")
        }
        let items = try PayloadReader.array(rawSamples, "samples")
        guard items.count <= Self.maxSamples else {
            throw NormalisationError(.tooLarge, path: "samples", "at most \(Self.maxSamples) samples per delivery")
        }
        var payload = NormalisedPayload()
        for (index, item) in items.enumerated() {
            if let sample = try sample(item, path: "samples[\(index)]", user: user) {
                payload.samples.append(sample)
            } else {
                payload.skippedCount += 1
            }
        }
        return payload
    }

    /// nil for an unknown type (skipped); throws for a known type with bad fields.
    private func sample(_ item: JSONValue, path: String, user: UserPseudonym) throws(NormalisationError) -> BiometricSample? {
        let object = try PayloadReader.object(item, path)
        let type = try PayloadReader.string(object["type"], "\(path).type")
        guard let metric = HealthKitSampleType.metrics[type] else { return nil }
        let unit = try PayloadReader.string(object["unit"], "\(path).unit")
        guard object["value"] != nil, object["value"] != .null else {
            throw NormalisationError(.missingField, path: "\(path).value", "required")
        }
        guard let raw = PayloadReader.number(object["value"]) else {
            throw NormalisationError(.invalidField, path: "\(path).value", "expected a number")
        }
        guard let value = HealthKitSampleType.canonicalValue(raw, unit: unit, metric: metric) else {
            throw NormalisationError(.invalidField, path: "\(path).unit", "unit '\(unit)' is not accepted for \(metric.rawValue)")
        }
        guard metric.accepts(value) else {
            throw NormalisationError(.invalidField, path: "\(path).value", "\(raw) \(unit) is not a plausible \(metric.rawValue)")
        }
        let start = try PayloadReader.requiredTime(object["start"], "\(path).start")
        var end: Timestamp?
        if let rawEnd = object["end"], rawEnd != .null {
            let parsed = try PayloadReader.requiredTime(rawEnd, "\(path).end")
            guard parsed >= start else { throw NormalisationError(.invalidField, path: "\(path).end", "end is before start") }
            end = parsed
        }
        return BiometricSample(source: .healthkit, user: user, metric: metric, value: value, time: start, endTime: end)
    }
}
