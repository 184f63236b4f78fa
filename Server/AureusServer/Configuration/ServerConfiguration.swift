import AureusCrypto
import AureusGPU
import AureusProtocol

/// Everything `aureusd serve` can be told. Built by the CLI from flags, `AUREUS_*` environment
/// variables and an optional TOML file (flags win), and by tests directly.
public struct ServerConfiguration: Sendable {
    /// Loopback by default: exposing the server is a deliberate act.
    public var host: String = "127.0.0.1"
    public var port: Int = 8889
    public var dataDirectory: String = "./data"
    /// `postgres://…` selects PostgreSQL; nil keeps the embedded SQLite store.
    public var databaseURL: String?
    /// `redis://…` shares throttles and fan-out between instances; nil keeps them in process.
    public var redisURL: String?
    /// Prefix of every Redis key and channel: instances with the same namespace form one
    /// cluster; another deployment sharing the Redis picks its own.
    public var redisNamespace: String = "aureus"
    /// WebSocket messages above this are refused with close code 1009.
    public var maxFrameBytes: Int = 1 << 20
    /// Sliding session lifetime.
    public var sessionTTLMilliseconds: Int64 = 3_600_000
    public var passwordHashing: Argon2id.Parameters = .interactive
    /// Failed logins per user and per address before a lock-out window.
    public var maxLoginFailures: Int = 5
    public var loginWindowMilliseconds: Int64 = 60_000
    /// Create the `admin` user with a random password on first start with an empty store.
    public var bootstrapAdmin: Bool = true
    /// Webhook bodies above this are refused with 413.
    public var maxWebhookBodyBytes: Int = 256 * 1024
    /// Accepted clock skew of signed webhook timestamps, every kind.
    public var webhookToleranceSeconds: Int64 = 300
    /// Verified deliveries waiting for a commit; beyond it, 503 with Retry-After.
    public var ingestQueueCapacity: Int = 8_192
    /// Deliveries committed in one transaction at most.
    public var ingestMaxBatch: Int = 512
    /// How often pending approval requests past their deadline are expired.
    public var approvalSweepInterval: Duration = .seconds(1)
    public var logLevel: String = "info"
    /// JSON lines on stderr (the default for a headless VM); false gives plain text.
    public var jsonLogs: Bool = true
    /// NVML library, nvidia-smi fallback and poll interval of the GPU watcher.
    public var gpu = GPUWatcherConfiguration()
    /// Base URL and poll interval of the Ollama watcher.
    public var ollama = OllamaWatcherConfiguration()

    /// Rows one query may return, per role; beyond it the result is cut with a notice.
    public var queryRowLimits: [Role: Int] = [.viewer: 10_000, .analyst: 10_000, .approver: 10_000, .admin: 10_000]
    /// Longest a statement may run per page before it is stopped.
    public var queryStatementTimeout: Duration = .seconds(30)
    /// An open cursor nobody fetched from for this long is closed ("abandoned").
    public var queryIdleTimeout: Duration = .seconds(300)
    /// Open cursors per user; a new query beyond it is refused until one finishes.
    public var queryMaxCursorsPerUser: Int = 8
    /// The Ollama model `query.ask` uses; nil turns natural-language questions off.
    public var queryModel: String? = nil

    /// The only directory `neural.sources.start` reads recordings from; nil means
    /// `<data-dir>/recordings`.
    public var recordingsDirectory: String? = nil

    /// `recordingsDirectory`, or its default under the data directory.
    public var resolvedRecordingsDirectory: String { recordingsDirectory ?? dataDirectory + "/recordings" }

    public init() {}

    public var listenDescription: String { "\(host):\(port)" }
}
