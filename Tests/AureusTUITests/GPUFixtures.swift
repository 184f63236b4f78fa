import AureusProtocol
import AureusTUI
import Foundation

/// GPU and Ollama snapshots for the GPU pane's tests.
enum GPUFixtures {
    static let now = Timestamp(milliseconds: 1_795_294_800_000)
    static let gib: Int64 = 1_073_741_824

    static func h100(history: Int = 40) -> GPUDevice {
        let ramp = (0..<history).map { Double?(Double($0 % 11) * 10) }
        return GPUDevice(
            index: 0,
            name: "NVIDIA H100 80GB HBM3",
            uuid: "GPU-00000000-0000-0000-0000-000000000000",
            utilizationPercent: 100,
            memoryUtilizationPercent: 37,
            memoryUsedBytes: 19_818 * 1_048_576,
            memoryTotalBytes: 81_559 * 1_048_576,
            temperatureCelsius: 83,
            powerWatts: 631.95,
            powerLimitWatts: 700,
            fanPercent: nil,
            processes: [GPUProcess(pid: 11345, name: "gpu_burn", memoryBytes: 15_690 * 1_048_576)],
            history: GPUHistory(utilizationPercent: ramp, memoryPercent: ramp, temperatureCelsius: ramp, powerWatts: ramp)
        )
    }

    static func gpu(_ devices: [GPUDevice] = [h100()]) -> GPUSnapshot {
        GPUSnapshot(time: now, state: .ok, source: "nvml", driverVersion: "590.48.01", pollIntervalMilliseconds: 1000, gpus: devices)
    }

    static let noDriver = GPUSnapshot(
        time: now,
        state: .noDriver,
        reason: "no NVIDIA driver (cannot load libnvidia-ml.so.1)",
        pollIntervalMilliseconds: 1000
    )

    static func ollama() -> OllamaSnapshot {
        OllamaSnapshot(
            time: now,
            baseURL: "http://127.0.0.1:11434",
            state: .up,
            version: "0.5.1",
            latencyMilliseconds: 2,
            loaded: [
                OllamaLoadedModel(name: "phi3:mini", sizeBytes: 4 * gib, vramBytes: 3 * gib, expiresAt: now.adding(milliseconds: 299_000))
            ],
            installed: [OllamaInstalledModel(name: "phi3:mini", sizeBytes: 2 * gib, parameterSize: "3.8B")],
            generations: [
                OllamaGenerationStat(time: now, model: "phi3:mini", latencyMilliseconds: 912, evalCount: 259, evalDurationNanoseconds: 4_232_710_000)
            ]
        )
    }

    static let ollamaDown = OllamaSnapshot(
        time: now,
        baseURL: "http://127.0.0.1:11434",
        state: .down,
        reason: "unreachable: connection refused",
        retryInMilliseconds: 8000
    )

    /// A connected model with both snapshots applied, the GPU pane focused (key 4), optionally zoomed.
    static func model(gpu: GPUSnapshot, ollama: OllamaSnapshot, size: TerminalSize, zoomed: Bool) throws -> AppModel {
        var model = try Fixtures.connectedModel(events: 0, size: size)
        model.apply(.notification(topic: "gpu", data: try JSONValue(encoding: gpu)))
        model.apply(.notification(topic: "ollama", data: try JSONValue(encoding: ollama)))
        model.apply(.tick(now))
        _ = model.handle(.char("4"))
        if zoomed { _ = model.handle(.char("z")) }
        return model
    }
}
