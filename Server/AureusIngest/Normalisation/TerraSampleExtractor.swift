import AureusProtocol

/// Reads biometric samples out of one Terra data object (Terra's v2 data models, field names
/// from Terra's client SDK). Time series come from `*.detailed`/`samples` arrays of
/// `{timestamp, value}`; summaries (steps, scores, resting HR) span `metadata.start_time`…
/// `metadata.end_time`. Items without a usable time or value are skipped and counted.
struct TerraSampleExtractor {
    let type: String
    let user: UserPseudonym
    private(set) var samples: [BiometricSample] = []
    private(set) var skipped = 0

    init(type: String, user: UserPseudonym) {
        self.type = type
        self.user = user
    }

    mutating func extract(from item: JSONValue) {
        let heartRate = PayloadReader.dig(item, "heart_rate_data", "detailed")
        series(heartRate?["hr_samples"], valueKey: "bpm", metric: .heartRate)
        series(heartRate?["hrv_samples_rmssd"], valueKey: "hrv_rmssd", metric: .hrvRMSSD)
        series(heartRate?["hrv_samples_sdnn"], valueKey: "hrv_sdnn", metric: .hrvSDNN)
        series(PayloadReader.dig(item, "oxygen_data", "saturation_samples"), valueKey: "percentage", metric: .spo2)
        series(PayloadReader.dig(item, "respiration_data", "oxygen_saturation_data", "samples"), valueKey: "percentage", metric: .spo2)
        series(PayloadReader.dig(item, "respiration_data", "breaths_data", "samples"), valueKey: "breaths_per_min", metric: .respiratoryRate)

        let start = PayloadReader.time(PayloadReader.dig(item, "metadata", "start_time"))
        let end = PayloadReader.time(PayloadReader.dig(item, "metadata", "end_time"))
        summary(PayloadReader.dig(item, "heart_rate_data", "summary", "resting_hr_bpm"), metric: .restingHeartRate, start: start, end: end)
        if type == "daily" {
            summary(PayloadReader.dig(item, "distance_data", "steps"), metric: .steps, start: start, end: end)
            summary(PayloadReader.dig(item, "scores", "sleep"), metric: .sleepScore, start: start, end: end)
        }
        if type == "sleep" {
            summary(PayloadReader.dig(item, "data_enrichment", "sleep_score"), metric: .sleepScore, start: start, end: end)
        }
    }

    private mutating func series(_ list: JSONValue?, valueKey: String, metric: BiometricMetric) {
        guard let list, list != .null else { return }
        guard let entries = list.arrayValue else {
            skipped += 1
            return
        }
        for entry in entries {
            guard let time = PayloadReader.time(entry["timestamp"]), let value = PayloadReader.number(entry[valueKey]), metric.accepts(value)
            else {
                skipped += 1
                continue
            }
            samples.append(BiometricSample(source: .terra, user: user, metric: metric, value: value, time: time))
        }
    }

    /// Summary fields are optional in Terra's models: absent or null is not an error.
    private mutating func summary(_ raw: JSONValue?, metric: BiometricMetric, start: Timestamp?, end: Timestamp?) {
        guard let raw, raw != .null else { return }
        guard let start, let value = PayloadReader.number(raw), metric.accepts(value) else {
            skipped += 1
            return
        }
        let validEnd = end.flatMap { $0 >= start ? $0 : nil }
        samples.append(BiometricSample(source: .terra, user: user, metric: metric, value: value, time: start, endTime: validEnd))
    }
}
