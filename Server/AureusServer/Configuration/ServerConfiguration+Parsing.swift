import AureusCore
import AureusGPU

extension ServerConfiguration {
    /// Sets host and port from "host:port" ("[::1]:8889" for IPv6).
    public mutating func setListen(_ value: String) throws {
        guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]), (0...65535).contains(port) else {
            throw ConfigurationError("listen address '\(value)' is not host:port")
        }
        var host = String(value[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ConfigurationError("listen address '\(value)' has no host") }
        self.host = host
        self.port = port
    }

    /// Applies a TOML configuration file. Unknown keys are errors (a typo must not silently
    /// fall back to a default such as listening on another address).
    ///
    /// ```toml
    /// listen = "127.0.0.1:8889"
    /// data_dir = "/var/lib/aureus"
    /// database_url = "postgres://aureus@127.0.0.1/aureus"
    /// redis_url = "redis://127.0.0.1:6379"
    /// redis_namespace = "aureus"
    /// log_level = "info"
    /// max_frame_bytes = 1048576
    /// session_ttl_seconds = 3600
    /// nvml_library = "libnvidia-ml.so.1"
    /// gpu_poll_interval_ms = 1000
    /// ollama_url = "http://127.0.0.1:11434"
    /// ```
    public mutating func apply(toml text: String) throws {
        let document = try TOMLDocument(parsing: text)
        for key in document.root.keys {
            guard let value = document.root[key] else { continue }
            switch (key, value) {
            case ("listen", .string(let text)): try setListen(text)
            case ("data_dir", .string(let text)): dataDirectory = text
            case ("database_url", .string(let text)): databaseURL = text.isEmpty ? nil : text
            case ("redis_url", .string(let text)): redisURL = text.isEmpty ? nil : text
            case ("redis_namespace", .string(let text)) where !text.isEmpty: redisNamespace = text
            case ("log_level", .string(let text)): logLevel = text
            case ("json_logs", .bool(let flag)): jsonLogs = flag
            case ("max_frame_bytes", .integer(let number)) where number > 0: maxFrameBytes = Int(number)
            case ("session_ttl_seconds", .integer(let number)) where number > 0: sessionTTLMilliseconds = number * 1000
            case ("max_login_failures", .integer(let number)) where number > 0: maxLoginFailures = Int(number)
            case ("gpu_enabled", .bool(let flag)): gpu.enabled = flag
            case ("nvml_library", .string(let text)) where !text.isEmpty: gpu.nvmlLibrary = text
            case ("nvidia_smi", .string(let text)) where !text.isEmpty: gpu.nvidiaSMI = text
            case ("gpu_poll_interval_ms", .integer(let number)) where number >= 100: gpu.pollInterval = .milliseconds(number)
            case ("ollama_enabled", .bool(let flag)): ollama.enabled = flag
            case ("ollama_url", .string(let text)): try setOllamaURL(text)
            case ("ollama_poll_interval_ms", .integer(let number)) where number >= 100: ollama.pollInterval = .milliseconds(number)
            case ("ollama_timeout_ms", .integer(let number)) where number >= 10: ollama.requestTimeout = .milliseconds(number)
            default: throw ConfigurationError("unknown key or wrong type: \(key)")
            }
        }
    }
}

extension ServerConfiguration {
    /// Sets the Ollama base URL after checking that the client can use it (plain http://host:port).
    public mutating func setOllamaURL(_ value: String) throws {
        do { _ = try HTTPEndpoint(value) } catch { throw ConfigurationError("ollama_url: \(error.message)") }
        ollama.baseURL = value
    }

    /// Parses a poll interval given in seconds ("1", "0.5"); at least 0.1 s.
    public static func interval(seconds text: String, name: String) throws -> Duration {
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0.1, seconds <= 3600 else {
            throw ConfigurationError("\(name) must be seconds between 0.1 and 3600, not '\(text)'")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
