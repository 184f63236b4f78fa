import AureusCore
import AureusProtocol
import Testing

@Suite struct GPUHistoryBookTests {
    static func device(uuid: String, utilization: Int?) -> GPUDevice {
        GPUDevice(index: 0, name: "GPU", uuid: uuid, utilizationPercent: utilization, memoryUsedBytes: 1, memoryTotalBytes: 4, powerWatts: 10)
    }

    @Test func ringKeepsTheNewestSamples() {
        var book = GPUHistoryBook(capacity: 3)
        var last: [GPUDevice] = []
        for value in [10, nil, 30, 40] { last = book.record([Self.device(uuid: "GPU-a", utilization: value)]) }
        #expect(last[0].history.utilizationPercent == [nil, 30, 40])
        #expect(last[0].history.memoryPercent == [25, 25, 25])
    }

    @Test func aGPUThatLeavesStartsOver() {
        var book = GPUHistoryBook(capacity: 5)
        _ = book.record([Self.device(uuid: "GPU-a", utilization: 1)])
        _ = book.record([Self.device(uuid: "GPU-b", utilization: 2)])
        let back = book.record([Self.device(uuid: "GPU-a", utilization: 3)])
        #expect(back[0].history.utilizationPercent == [3])
    }

    @Test func stateChangesAreReportedOnce() {
        var reporter = GPUStateReporter()
        let actions = (0..<5).map { _ in reporter.receive(state: .noDriver, reason: "no NVIDIA driver (x)", source: nil) }
        #expect(actions.filter { $0 != .none } == [.notice("no NVIDIA driver (x)")])
        #expect(reporter.receive(state: .ok, reason: nil, source: "nvml") == .notice("GPU telemetry from nvml"))
        #expect(reporter.receive(state: .error, reason: "GPU is lost", source: nil) == .warning("GPU telemetry failed: GPU is lost"))
    }
}
