import AureusCore
import AureusProtocol
import Testing

/// Ollama's documented answers (docs/api.md, verbatim content) read into protocol values.
@Suite struct OllamaResponsesTests {
    @Test func version() throws {
        #expect(try OllamaResponses.version(Array(#"{"version": "0.5.1"}"#.utf8)) == "0.5.1")
        #expect(throws: OllamaResponseError.self) { try OllamaResponses.version(Array("Ollama is running".utf8)) }
    }

    @Test func psWithExpiryAndVRAMShare() throws {
        let body = #"""
            {"models": [{"name": "mistral:latest", "model": "mistral:latest", "size": 5137025024, "digest": "2ae6f6dd7a3dd734790bbbf58b8909a606e0e7e97e94b7604e0aa7ae4490e6d8", "details": {"parent_model": "", "format": "gguf", "family": "llama", "families": ["llama"], "parameter_size": "7.2B", "quantization_level": "Q4_0"}, "expires_at": "2024-06-04T14:38:31.83753-07:00", "size_vram": 5137025024}]}
            """#
        let models = try OllamaResponses.loaded(Array(body.utf8))
        let model = try #require(models.first)
        #expect(model.name == "mistral:latest")
        #expect(model.expiresAt == Timestamp(iso8601: "2024-06-04T21:38:31.837Z"))
        #expect(model.processor == "100% GPU" && model.gpuShare == 1)
        #expect(model.parameterSize == "7.2B" && model.quantization == "Q4_0")
        #expect(try OllamaResponses.loaded(Array(#"{"models":[]}"#.utf8)).isEmpty)
    }

    /// `ollama ps`'s PROCESSOR column rules (cmd/cmd.go).
    @Test func processorColumn() {
        func model(_ size: Int64, _ vram: Int64) -> OllamaLoadedModel {
            OllamaLoadedModel(name: "m", sizeBytes: size, vramBytes: vram, expiresAt: nil)
        }
        #expect(model(100, 0).processor == "100% CPU")
        #expect(model(100, 100).processor == "100% GPU")
        #expect(model(100, 48).processor == "52%/48% CPU/GPU")
        #expect(model(100, 200).processor == "Unknown")
        #expect(model(100, 200).gpuShare == nil)
    }

    @Test func tags() throws {
        let body = #"""
            {"models": [{"name": "deepseek-r1:latest", "model": "deepseek-r1:latest", "modified_at": "2025-05-10T08:06:48.639712648-07:00", "size": 4683075271, "digest": "0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163", "details": {"parent_model": "", "format": "gguf", "family": "qwen2", "families": ["qwen2"], "parameter_size": "7.6B", "quantization_level": "Q4_K_M"}}]}
            """#
        #expect(
            try OllamaResponses.installed(Array(body.utf8)) == [
                OllamaInstalledModel(name: "deepseek-r1:latest", sizeBytes: 4_683_075_271, parameterSize: "7.6B", quantization: "Q4_K_M")
            ]
        )
    }

    @Test func generateLines() throws {
        let chunk = #"{"model": "llama3.2", "created_at": "2023-08-04T08:52:19.385406455-07:00", "response": "The", "done": false}"#
        #expect(try OllamaResponses.generateLine(Array(chunk.utf8)) == .chunk("The"))
        let final =
            #"{"model": "llama3.2", "created_at": "2023-08-04T19:22:45.499127Z", "response": "", "done": true, "context": [1, 2, 3], "total_duration": 10706818083, "load_duration": 6338219291, "prompt_eval_count": 26, "prompt_eval_duration": 130079000, "eval_count": 259, "eval_duration": 4232710000}"#
        #expect(
            try OllamaResponses.generateLine(Array(final.utf8))
                == .done(text: "", evalCount: 259, evalDurationNanoseconds: 4_232_710_000, doneReason: nil)
        )
        let error = #"{"error":"an error was encountered while running the model"}"#
        #expect(try OllamaResponses.generateLine(Array(error.utf8)) == .error("an error was encountered while running the model"))
        let stat = OllamaGenerationStat(
            time: Timestamp(milliseconds: 0),
            model: "llama3.2",
            latencyMilliseconds: 1,
            evalCount: 259,
            evalDurationNanoseconds: 4_232_710_000
        )
        #expect(abs((stat.tokensPerSecond ?? 0) - 61.19) < 0.01, "eval_count / eval_duration * 10^9")
    }
}
