/// The `gpu` topic and `gpu.snapshot` result: NVIDIA GPU telemetry from NVML (or the
/// `nvidia-smi` fallback), one entry per GPU with a short per-second history for sparklines.
///
/// Metrics a GPU does not support (fan speed on an H100, power on some boards) are nil, and
/// a client shows them as "n/a" — never as zero.
public struct GPUSnapshot: Codable, Sendable, Hashable {
    public var time: Timestamp
    public var state: GPUState
    /// Where the numbers came from: "nvml" or "nvidia-smi"; nil when there are none.
    public var source: String?
    /// Why the state is not `ok`, in words for an operator ("no NVIDIA driver: …").
    public var reason: String?
    public var driverVersion: String?
    /// How often the server samples, so a client knows when data is late.
    public var pollIntervalMilliseconds: Int64
    public var gpus: [GPUDevice]

    public init(
        time: Timestamp,
        state: GPUState,
        source: String? = nil,
        reason: String? = nil,
        driverVersion: String? = nil,
        pollIntervalMilliseconds: Int64,
        gpus: [GPUDevice] = []
    ) {
        self.time = time
        self.state = state
        self.source = source
        self.reason = reason
        self.driverVersion = driverVersion
        self.pollIntervalMilliseconds = pollIntervalMilliseconds
        self.gpus = gpus
    }
}

/// The watcher's overall condition.
public enum GPUState: String, Codable, Sendable, Hashable {
    /// Not sampled yet.
    case starting
    /// Sampling works; `gpus` may still be empty (a driver without devices).
    case ok
    /// No NVML library and no working `nvidia-smi`: the normal state of a machine without a GPU.
    case noDriver = "no_driver"
    /// A driver is there but sampling failed (GPU lost, permission, version mismatch).
    case error
}

/// One GPU's newest readings; nil means "not supported or not readable" (shown as n/a).
public struct GPUDevice: Codable, Sendable, Hashable {
    public var index: Int
    public var name: String
    public var uuid: String
    /// Percent of the last sample period a kernel ran.
    public var utilizationPercent: Int?
    /// Percent of the last sample period device memory was read or written.
    public var memoryUtilizationPercent: Int?
    public var memoryUsedBytes: Int64?
    public var memoryTotalBytes: Int64?
    public var temperatureCelsius: Int?
    public var powerWatts: Double?
    public var powerLimitWatts: Double?
    public var fanPercent: Int?
    public var processes: [GPUProcess]
    /// Per-poll samples, oldest first (up to `GPUHistory.capacity`).
    public var history: GPUHistory

    public init(
        index: Int,
        name: String,
        uuid: String,
        utilizationPercent: Int? = nil,
        memoryUtilizationPercent: Int? = nil,
        memoryUsedBytes: Int64? = nil,
        memoryTotalBytes: Int64? = nil,
        temperatureCelsius: Int? = nil,
        powerWatts: Double? = nil,
        powerLimitWatts: Double? = nil,
        fanPercent: Int? = nil,
        processes: [GPUProcess] = [],
        history: GPUHistory = GPUHistory()
    ) {
        self.index = index
        self.name = name
        self.uuid = uuid
        self.utilizationPercent = utilizationPercent
        self.memoryUtilizationPercent = memoryUtilizationPercent
        self.memoryUsedBytes = memoryUsedBytes
        self.memoryTotalBytes = memoryTotalBytes
        self.temperatureCelsius = temperatureCelsius
        self.powerWatts = powerWatts
        self.powerLimitWatts = powerLimitWatts
        self.fanPercent = fanPercent
        self.processes = processes
        self.history = history
    }

    /// Used memory as a percentage of total, when both are known.
    public var memoryPercent: Double? {
        guard let used = memoryUsedBytes, let total = memoryTotalBytes, total > 0 else { return nil }
        return Double(used) / Double(total) * 100
    }
}

/// A process holding a compute context on a GPU.
public struct GPUProcess: Codable, Sendable, Hashable {
    public var pid: Int
    /// The command name (`/proc/<pid>/comm` for NVML, `process_name` for nvidia-smi); "?" when unreadable.
    public var name: String
    public var memoryBytes: Int64?

    public init(pid: Int, name: String, memoryBytes: Int64?) {
        self.pid = pid
        self.name = name
        self.memoryBytes = memoryBytes
    }
}

/// Sparkline series for one GPU, oldest first, one sample per poll; nil marks a sample the
/// GPU could not give.
public struct GPUHistory: Codable, Sendable, Hashable {
    public static let capacity = 120
    public var utilizationPercent: [Double?]
    public var memoryPercent: [Double?]
    public var temperatureCelsius: [Double?]
    public var powerWatts: [Double?]

    public init(
        utilizationPercent: [Double?] = [],
        memoryPercent: [Double?] = [],
        temperatureCelsius: [Double?] = [],
        powerWatts: [Double?] = []
    ) {
        self.utilizationPercent = utilizationPercent
        self.memoryPercent = memoryPercent
        self.temperatureCelsius = temperatureCelsius
        self.powerWatts = powerWatts
    }
}
