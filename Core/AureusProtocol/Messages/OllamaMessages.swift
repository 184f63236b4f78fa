/// The `ollama` topic and `ollama.snapshot` result: whether the local Ollama server answers,
/// which models are installed and loaded (with their share on the GPU), and how fast the
/// generations this server asked for ran.
public struct OllamaSnapshot: Codable, Sendable, Hashable {
    public var time: Timestamp
    public var baseURL: String
    public var state: OllamaState
    /// Why the state is not `up`, in words ("connection refused", "/api/ps answered 500").
    public var reason: String?
    public var version: String?
    /// Round trip of the last `/api/version` poll.
    public var latencyMilliseconds: Double?
    /// While down: milliseconds until the next attempt (the watcher backs off).
    public var retryInMilliseconds: Int64?
    public var loaded: [OllamaLoadedModel]
    public var installed: [OllamaInstalledModel]
    /// The newest generations this server made, newest last (up to 20).
    public var generations: [OllamaGenerationStat]

    public init(
        time: Timestamp,
        baseURL: String,
        state: OllamaState,
        reason: String? = nil,
        version: String? = nil,
        latencyMilliseconds: Double? = nil,
        retryInMilliseconds: Int64? = nil,
        loaded: [OllamaLoadedModel] = [],
        installed: [OllamaInstalledModel] = [],
        generations: [OllamaGenerationStat] = []
    ) {
        self.time = time
        self.baseURL = baseURL
        self.state = state
        self.reason = reason
        self.version = version
        self.latencyMilliseconds = latencyMilliseconds
        self.retryInMilliseconds = retryInMilliseconds
        self.loaded = loaded
        self.installed = installed
        self.generations = generations
    }
}

public enum OllamaState: String, Codable, Sendable, Hashable {
    /// Not polled yet.
    case starting
    /// `/api/version`, `/api/tags` and `/api/ps` all answered in time.
    case up
    /// The server answers but part of it fails or is slow.
    case degraded
    /// No answer (refused, timed out, dropped); the watcher backs off.
    case down
}

/// A model held in memory (`/api/ps`).
public struct OllamaLoadedModel: Codable, Sendable, Hashable {
    public var name: String
    public var sizeBytes: Int64
    public var vramBytes: Int64
    /// When Ollama unloads it unless used again; nil for "never".
    public var expiresAt: Timestamp?
    public var contextLength: Int?
    public var parameterSize: String?
    public var quantization: String?

    public init(
        name: String,
        sizeBytes: Int64,
        vramBytes: Int64,
        expiresAt: Timestamp?,
        contextLength: Int? = nil,
        parameterSize: String? = nil,
        quantization: String? = nil
    ) {
        self.name = name
        self.sizeBytes = sizeBytes
        self.vramBytes = vramBytes
        self.expiresAt = expiresAt
        self.contextLength = contextLength
        self.parameterSize = parameterSize
        self.quantization = quantization
    }

    /// What `ollama ps` prints as PROCESSOR: "100% GPU", "100% CPU", "48%/52% CPU/GPU" or "Unknown".
    public var processor: String {
        if vramBytes == 0 { return "100% CPU" }
        if vramBytes == sizeBytes { return "100% GPU" }
        if vramBytes > sizeBytes || sizeBytes == 0 { return "Unknown" }
        let cpu = Int((Double(sizeBytes - vramBytes) / Double(sizeBytes) * 100).rounded())
        return "\(cpu)%/\(100 - cpu)% CPU/GPU"
    }

    /// Fraction of the model in GPU memory, 0...1; nil when the sizes make no sense.
    public var gpuShare: Double? {
        guard sizeBytes > 0, vramBytes >= 0, vramBytes <= sizeBytes else { return nil }
        return Double(vramBytes) / Double(sizeBytes)
    }
}

/// A model on disk (`/api/tags`).
public struct OllamaInstalledModel: Codable, Sendable, Hashable {
    public var name: String
    public var sizeBytes: Int64
    public var parameterSize: String?
    public var quantization: String?

    public init(name: String, sizeBytes: Int64, parameterSize: String? = nil, quantization: String? = nil) {
        self.name = name
        self.sizeBytes = sizeBytes
        self.parameterSize = parameterSize
        self.quantization = quantization
    }
}

/// One generation this server asked Ollama for: how long it took and how fast it produced tokens.
public struct OllamaGenerationStat: Codable, Sendable, Hashable {
    public var time: Timestamp
    public var model: String
    /// Wall time from sending the request to the last line.
    public var latencyMilliseconds: Double
    public var evalCount: Int?
    public var evalDurationNanoseconds: Int64?
    /// nil when the generation failed before the final line.
    public var error: String?

    public init(
        time: Timestamp,
        model: String,
        latencyMilliseconds: Double,
        evalCount: Int? = nil,
        evalDurationNanoseconds: Int64? = nil,
        error: String? = nil
    ) {
        self.time = time
        self.model = model
        self.latencyMilliseconds = latencyMilliseconds
        self.evalCount = evalCount
        self.evalDurationNanoseconds = evalDurationNanoseconds
        self.error = error
    }

    /// `eval_count / eval_duration * 10^9`, as Ollama's docs define tokens per second.
    public var tokensPerSecond: Double? {
        guard let count = evalCount, let duration = evalDurationNanoseconds, duration > 0 else { return nil }
        return Double(count) / Double(duration) * 1e9
    }
}
