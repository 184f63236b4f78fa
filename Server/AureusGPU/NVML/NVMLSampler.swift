import AureusProtocol
import Foundation

/// Reads every GPU's numbers through an `NVMLLibrary`: one call per metric per device, with
/// unsupported metrics left nil. Blocking; runs on the GPU watcher's thread.
struct NVMLSampler {
    let library: NVMLLibrary

    /// One reading of all GPUs.
    ///
    /// - Throws: `NVMLError` when the device list cannot be read (the driver went away);
    ///   a single metric failing only leaves that metric nil.
    func sample() throws(NVMLError) -> [GPUDevice] {
        let count = try library.deviceCount()
        var devices: [GPUDevice] = []
        devices.reserveCapacity(count)
        for index in 0..<count {
            let device = try library.device(at: index)
            let utilization = library.utilization(device)
            let memory = library.memory(device)
            devices.append(
                GPUDevice(
                    index: index,
                    name: library.name(device) ?? "GPU \(index)",
                    uuid: library.uuid(device) ?? "",
                    utilizationPercent: utilization?.gpu,
                    memoryUtilizationPercent: utilization?.memory,
                    memoryUsedBytes: memory?.used,
                    memoryTotalBytes: memory?.total,
                    temperatureCelsius: library.temperature(device),
                    powerWatts: library.powerUsage(device).map { Double($0) / 1000 },
                    powerLimitWatts: library.powerLimit(device).map { Double($0) / 1000 },
                    fanPercent: library.fanSpeed(device),
                    processes: library.computeProcesses(device).map { process in
                        GPUProcess(pid: process.pid, name: ProcessNames.name(of: process.pid), memoryBytes: process.memory)
                    }
                )
            )
        }
        return devices
    }
}

/// Names for the pids NVML reports (NVML gives none): `/proc/<pid>/comm`, "?" when the
/// process is gone or in another pid namespace.
enum ProcessNames {
    static func name(of pid: Int) -> String {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8) else { return "?" }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "?" : trimmed
    }
}
