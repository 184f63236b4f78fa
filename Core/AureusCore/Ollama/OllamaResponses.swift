import AureusProtocol

/// Reads Ollama's JSON answers (`/api/version`, `/api/tags`, `/api/ps`, `/api/generate`
/// lines) into the protocol's values. Unknown members are ignored and missing optional
/// ones become nil, because Ollama's API "isn't strictly versioned".
public enum OllamaResponses {
    public static func version(_ body: [UInt8]) throws(OllamaResponseError) -> String {
        guard let text = try object(body, "/api/version")["version"]?.stringValue else {
            throw OllamaResponseError("/api/version: no \"version\" string")
        }
        return text
    }

    /// `/api/tags`: the models on disk, by name.
    public static func installed(_ body: [UInt8]) throws(OllamaResponseError) -> [OllamaInstalledModel] {
        try models(body, "/api/tags").map { model in
            OllamaInstalledModel(
                name: model["name"]?.stringValue ?? model["model"]?.stringValue ?? "?",
                sizeBytes: model["size"]?.intValue ?? 0,
                parameterSize: model["details"]?["parameter_size"]?.stringValue,
                quantization: model["details"]?["quantization_level"]?.stringValue
            )
        }.sorted { $0.name < $1.name }
    }

    /// `/api/ps`: the models in memory, in Ollama's order (longest time left first).
    public static func loaded(_ body: [UInt8]) throws(OllamaResponseError) -> [OllamaLoadedModel] {
        try models(body, "/api/ps").map { model in
            OllamaLoadedModel(
                name: model["name"]?.stringValue ?? model["model"]?.stringValue ?? "?",
                sizeBytes: model["size"]?.intValue ?? 0,
                vramBytes: model["size_vram"]?.intValue ?? 0,
                expiresAt: model["expires_at"]?.stringValue.flatMap { Timestamp(iso8601: $0) },
                contextLength: model["context_length"]?.intValue.map { Int($0) },
                parameterSize: model["details"]?["parameter_size"]?.stringValue,
                quantization: model["details"]?["quantization_level"]?.stringValue
            )
        }
    }

    /// One line of a streaming `/api/generate` (or `/api/chat`) answer.
    public enum GenerateLine: Sendable, Hashable {
        /// A piece of the answer.
        case chunk(String)
        /// The final line, with the counters.
        case done(text: String, evalCount: Int?, evalDurationNanoseconds: Int64?, doneReason: String?)
        /// `{"error": …}`: after a 200 this is how Ollama reports a failure mid-stream.
        case error(String)
    }

    public static func generateLine(_ line: some Collection<UInt8>) throws(OllamaResponseError) -> GenerateLine {
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch { throw OllamaResponseError("generate: unreadable line (\(error))") }
        if let message = value["error"]?.stringValue { return .error(message) }
        let text = value["response"]?.stringValue ?? value["message"]?["content"]?.stringValue ?? ""
        guard value["done"]?.boolValue == true else { return .chunk(text) }
        return .done(
            text: text,
            evalCount: value["eval_count"]?.intValue.map { Int($0) },
            evalDurationNanoseconds: value["eval_duration"]?.intValue,
            doneReason: value["done_reason"]?.stringValue
        )
    }

    /// The `error` member of an error answer (`{"error": "model \"x\" not found, try pulling it first"}`).
    public static func errorMessage(_ body: [UInt8]) -> String? {
        (try? JSONParser.parse(body))?["error"]?.stringValue
    }

    private static func object(_ body: [UInt8], _ endpoint: String) throws(OllamaResponseError) -> JSONValue {
        let value: JSONValue
        do { value = try JSONParser.parse(body) } catch { throw OllamaResponseError("\(endpoint): not JSON (\(error))") }
        guard value.objectValue != nil else { throw OllamaResponseError("\(endpoint): not a JSON object") }
        return value
    }

    private static func models(_ body: [UInt8], _ endpoint: String) throws(OllamaResponseError) -> [JSONValue] {
        guard let models = try object(body, endpoint)["models"]?.arrayValue else {
            throw OllamaResponseError("\(endpoint): no \"models\" array")
        }
        return models
    }
}

public struct OllamaResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
