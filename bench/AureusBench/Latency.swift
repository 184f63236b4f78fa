import Foundation

/// Latency arithmetic shared by the benchmarks: durations in milliseconds and percentiles.
enum Latency {
    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The `p` percentile (0…1) of `sorted` (ascending, not empty): the nearest-rank value.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    /// `label: n=… p50=…ms p95=…ms p99=…ms max=…ms`.
    static func summary(_ label: String, _ values: [Double]) -> String {
        let sorted = values.sorted()
        guard let max = sorted.last else { return "\(label): no samples" }
        return String(
            format: "%@: n=%d p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms",
            label,
            sorted.count,
            percentile(sorted, 0.5),
            percentile(sorted, 0.95),
            percentile(sorted, 0.99),
            max
        )
    }
}
