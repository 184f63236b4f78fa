/// Where the Ollama watcher looks and how often.
public struct OllamaWatcherConfiguration: Sendable, Hashable {
    /// Off: no polling; `ollama.snapshot` says the watcher is disabled.
    public var enabled = true
    /// Ollama's default bind address (`OLLAMA_HOST`).
    public var baseURL = "http://127.0.0.1:11434"
    public var pollInterval: Duration = .seconds(2)
    /// `/api/tags` (models on disk) changes rarely: it is re-read this often, and whenever Ollama comes back.
    public var tagsInterval: Duration = .seconds(30)
    /// Deadline of each status request.
    public var requestTimeout: Duration = .seconds(2)
    /// The longest wait between attempts while Ollama is down.
    public var maximumBackoff: Duration = .seconds(30)
    /// How many recent generations the snapshot keeps.
    public var generationHistory = 20

    public init() {}
}
