import AureusProtocol

/// Keeps the sparkline history of every GPU between polls: a ring of the last
/// `capacity` samples per GPU (by UUID), handed out with each snapshot.
///
/// - Important: a GPU that disappears from a sample loses its history; one that comes back
///   starts fresh, so a sparkline never joins readings of two different boards.
public struct GPUHistoryBook: Sendable {
    public let capacity: Int
    private var rings: [String: GPUHistory] = [:]

    public init(capacity: Int = GPUHistory.capacity) { self.capacity = max(1, capacity) }

    /// Appends one sample per device and returns the devices with their history filled in.
    public mutating func record(_ devices: [GPUDevice]) -> [GPUDevice] {
        var next: [String: GPUHistory] = [:]
        let recorded = devices.map { device -> GPUDevice in
            let key = device.uuid.isEmpty ? "index-\(device.index)" : device.uuid
            var history = rings[key] ?? GPUHistory()
            append(&history.utilizationPercent, device.utilizationPercent.map(Double.init))
            append(&history.memoryPercent, device.memoryPercent)
            append(&history.temperatureCelsius, device.temperatureCelsius.map(Double.init))
            append(&history.powerWatts, device.powerWatts)
            next[key] = history
            var copy = device
            copy.history = history
            return copy
        }
        rings = next
        return recorded
    }

    private func append(_ series: inout [Double?], _ value: Double?) {
        series.append(value)
        if series.count > capacity { series.removeFirst(series.count - capacity) }
    }
}
