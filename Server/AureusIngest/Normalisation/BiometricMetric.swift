/// What a biometric sample measures, each with one canonical unit so stored values are
/// comparable across providers (providers' own units are converted by the normalisers).
///
/// HRV is split by method because RMSSD (Oura, WHOOP, most rings) and SDNN (Apple HealthKit)
/// are not interchangeable; mixing them in one series would be a silent data error.
public enum BiometricMetric: String, Sendable, Hashable, CaseIterable, Codable {
    case heartRate = "heart_rate"
    case restingHeartRate = "resting_heart_rate"
    case hrvRMSSD = "hrv_rmssd"
    case hrvSDNN = "hrv_sdnn"
    case spo2
    case steps
    case sleepScore = "sleep_score"
    case respiratoryRate = "respiratory_rate"

    /// The canonical unit every sample of this metric is stored in.
    public var unit: String {
        switch self {
        case .heartRate, .restingHeartRate: "bpm"
        case .hrvRMSSD, .hrvSDNN: "ms"
        case .spo2: "%"
        case .steps: "count"
        case .sleepScore: "score"
        case .respiratoryRate: "breaths/min"
        }
    }

    /// The largest plausible value; anything above is a sensor or encoding error, not data.
    var plausibleMaximum: Double {
        switch self {
        case .heartRate, .restingHeartRate: 400
        case .hrvRMSSD, .hrvSDNN: 5000
        case .spo2, .sleepScore: 100
        case .steps: 1_000_000
        case .respiratoryRate: 200
        }
    }

    /// True when `value` is finite and within 0…`plausibleMaximum`.
    func accepts(_ value: Double) -> Bool {
        value.isFinite && value >= 0 && value <= plausibleMaximum
    }
}
