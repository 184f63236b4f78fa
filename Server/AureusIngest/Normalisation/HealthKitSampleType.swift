/// The sample `type` names our HealthKit bridge schema accepts, with the units each may be sent
/// in and the factor to the metric's canonical unit.
///
/// Both our short names (`heart_rate`) and Apple's identifiers
/// (`HKQuantityTypeIdentifierHeartRate`) are accepted so a bridge app can forward
/// `HKQuantitySample.quantityType.identifier` unchanged. Units are HealthKit `HKUnit`
/// unit strings (`count/min`, `ms`, `%`, `count`).
enum HealthKitSampleType {
    /// `type` name to metric.
    static let metrics: [String: BiometricMetric] = [
        "heart_rate": .heartRate, "HKQuantityTypeIdentifierHeartRate": .heartRate,
        "resting_heart_rate": .restingHeartRate, "HKQuantityTypeIdentifierRestingHeartRate": .restingHeartRate,
        "hrv_sdnn": .hrvSDNN, "HKQuantityTypeIdentifierHeartRateVariabilitySDNN": .hrvSDNN,
        "hrv_rmssd": .hrvRMSSD,
        "spo2": .spo2, "HKQuantityTypeIdentifierOxygenSaturation": .spo2,
        "steps": .steps, "HKQuantityTypeIdentifierStepCount": .steps,
        "respiratory_rate": .respiratoryRate, "HKQuantityTypeIdentifierRespiratoryRate": .respiratoryRate,
        "sleep_score": .sleepScore,
    ]

    /// Accepted units per metric with the factor to the canonical unit.
    static func factor(unit: String, for metric: BiometricMetric) -> Double? {
        switch (metric, unit) {
        case (.heartRate, "count/min"), (.heartRate, "bpm"), (.restingHeartRate, "count/min"), (.restingHeartRate, "bpm"): 1
        case (.hrvSDNN, "ms"), (.hrvRMSSD, "ms"): 1
        case (.hrvSDNN, "s"), (.hrvRMSSD, "s"): 1000
        case (.spo2, "%"): 1
        case (.steps, "count"): 1
        case (.respiratoryRate, "count/min"), (.respiratoryRate, "breaths/min"): 1
        case (.sleepScore, "score"): 1
        default: nil
        }
    }

    /// Converts to the canonical unit. HealthKit reports oxygen saturation in `%` as a fraction
    /// (`0.97` for 97 %), while people write 97; a value at or below 1 is read as the fraction,
    /// since an SpO2 of 1 % is not a living reading.
    static func canonicalValue(_ value: Double, unit: String, metric: BiometricMetric) -> Double? {
        guard let factor = factor(unit: unit, for: metric) else { return nil }
        if metric == .spo2, value <= 1 { return value * 100 }
        return value * factor
    }
}
