import AureusCore
import AureusProtocol

/// One poll's worth of GPU telemetry with the backend choice: NVML first, `nvidia-smi` when
/// NVML fails, "no NVIDIA driver" when neither is there (then both are only retried every
/// `reprobeInterval`, so a machine without a GPU pays nothing per poll).
///
/// Blocking throughout (dlopen, NVML calls, spawning nvidia-smi); owned by the watcher and
/// used from its single thread only.
// Sendable because the GPU watcher confines it to its one sampling thread.
final class GPUProbe: @unchecked Sendable {
    struct Reading: Sendable {
        var state: GPUState
        var source: String?
        var reason: String?
        var driverVersion: String?
        var devices: [GPUDevice]
    }

    let configuration: GPUWatcherConfiguration
    private var library: NVMLLibrary?
    private var nextProbe = ContinuousClock.now
    private var lastNoDriver: Reading?

    init(configuration: GPUWatcherConfiguration) { self.configuration = configuration }

    func read() -> Reading {
        let now = ContinuousClock.now
        if library == nil, let cached = lastNoDriver, now < nextProbe { return cached }
        var nvmlFailure: NVMLError?
        if library == nil {
            do { library = try NVMLLibrary(path: configuration.nvmlLibrary) } catch { nvmlFailure = error }
        }
        if let library {
            do {
                let devices = try NVMLSampler(library: library).sample()
                lastNoDriver = nil
                return Reading(state: .ok, source: "nvml", driverVersion: library.driverVersion(), devices: devices)
            } catch {
                nvmlFailure = error
                self.library = nil  // re-initialise on the next poll (nvmlShutdown in deinit)
            }
        }
        let runner = NvidiaSMIRunner(executable: configuration.nvidiaSMI, timeout: configuration.nvidiaSMITimeout)
        do {
            let sample = try runner.sample()
            lastNoDriver = nil
            let note = nvmlFailure.map { "NVML unavailable (\($0)); using nvidia-smi" }
            return Reading(state: .ok, source: "nvidia-smi", reason: note, driverVersion: sample.driverVersion, devices: sample.devices)
        } catch {
            let nvmlText = nvmlFailure.map { "\($0)" } ?? "NVML failed"
            if nvmlFailure?.meansNoDriver ?? false, error.meansNoDriver {
                let reading = Reading(state: .noDriver, reason: "no NVIDIA driver (\(nvmlText); \(error))", devices: [])
                lastNoDriver = reading
                nextProbe = now + configuration.reprobeInterval
                return reading
            }
            return Reading(state: .error, reason: "\(nvmlText); \(error)", devices: [])
        }
    }
}
