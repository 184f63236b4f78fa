/// What the GPU watcher polls and how often.
public struct GPUWatcherConfiguration: Sendable, Hashable {
    /// Off: no thread, no polling; `gpu.snapshot` says the watcher is disabled.
    public var enabled = true
    /// Passed to `dlopen`: a soname (found by the dynamic loader) or a path (tests point it at a fake).
    public var nvmlLibrary = "libnvidia-ml.so.1"
    /// The fallback when NVML fails: a program name looked up on PATH, or a path.
    public var nvidiaSMI = "nvidia-smi"
    public var pollInterval: Duration = .seconds(1)
    /// While there is no driver, how often to look again (a driver installed later is picked up).
    public var reprobeInterval: Duration = .seconds(60)
    /// A hung `nvidia-smi` is killed after this long.
    public var nvidiaSMITimeout: Duration = .seconds(5)

    public init() {}
}
