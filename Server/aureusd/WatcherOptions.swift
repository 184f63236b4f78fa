import ArgumentParser
import AureusGPU
import AureusServer
import Foundation

/// `aureusd serve` options for the GPU and Ollama watchers. Precedence as for `ServerOptions`:
/// flag, then `AUREUS_*` environment variable, then the TOML file, then the default.
struct WatcherOptions: ParsableArguments {
    @Option(help: "NVML library to dlopen, a soname or a path (env AUREUS_NVML_LIBRARY; default libnvidia-ml.so.1).")
    var nvmlLibrary: String?

    @Option(help: "nvidia-smi to fall back on when NVML fails (env AUREUS_NVIDIA_SMI; default nvidia-smi on PATH).")
    var nvidiaSmi: String?

    @Option(help: "Seconds between GPU polls (env AUREUS_GPU_POLL_INTERVAL; default 1).")
    var gpuPollInterval: String?

    @Option(help: "Ollama base URL (env AUREUS_OLLAMA_URL; default http://127.0.0.1:11434).")
    var ollamaURL: String?

    @Option(help: "Seconds between Ollama polls (env AUREUS_OLLAMA_POLL_INTERVAL; default 2).")
    var ollamaPollInterval: String?

    /// Applies the flags and environment over what the file set.
    func apply(to configuration: inout ServerConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if let value = nvmlLibrary ?? environment["AUREUS_NVML_LIBRARY"], !value.isEmpty { configuration.gpu.nvmlLibrary = value }
        if let value = nvidiaSmi ?? environment["AUREUS_NVIDIA_SMI"], !value.isEmpty { configuration.gpu.nvidiaSMI = value }
        if let value = gpuPollInterval ?? environment["AUREUS_GPU_POLL_INTERVAL"] {
            configuration.gpu.pollInterval = try ServerConfiguration.interval(seconds: value, name: "--gpu-poll-interval")
        }
        if let value = ollamaURL ?? environment["AUREUS_OLLAMA_URL"], !value.isEmpty { try configuration.setOllamaURL(value) }
        if let value = ollamaPollInterval ?? environment["AUREUS_OLLAMA_POLL_INTERVAL"] {
            configuration.ollama.pollInterval = try ServerConfiguration.interval(seconds: value, name: "--ollama-poll-interval")
        }
    }
}
