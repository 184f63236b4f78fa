import Foundation

extension FakeOllamaServer {
    /// The answers from Ollama's docs/api.md (content verbatim, whitespace compacted), as
    /// quoted in shared/research/ollama-gpu-approvals-audit.md.
    public static let documented: [String: Reply] = [
        "GET /api/version": .json(body: #"{"version": "0.5.1"}"#),
        "GET /api/tags": .json(body: tagsBody),
        "GET /api/ps": .json(body: psBody),
        "POST /api/generate": .stream(lines: generateLines),
    ]

    public static let tagsBody = #"""
        {"models": [{"name": "deepseek-r1:latest", "model": "deepseek-r1:latest", "modified_at": "2025-05-10T08:06:48.639712648-07:00", "size": 4683075271, "digest": "0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163", "details": {"parent_model": "", "format": "gguf", "family": "qwen2", "families": ["qwen2"], "parameter_size": "7.6B", "quantization_level": "Q4_K_M"}}, {"name": "llama3.2:latest", "model": "llama3.2:latest", "size": 2019393189, "details": {"parameter_size": "3.2B", "quantization_level": "Q4_K_M"}}]}
        """#

    public static let psBody = #"""
        {"models": [{"name": "mistral:latest", "model": "mistral:latest", "size": 5137025024, "digest": "2ae6f6dd7a3dd734790bbbf58b8909a606e0e7e97e94b7604e0aa7ae4490e6d8", "details": {"parent_model": "", "format": "gguf", "family": "llama", "families": ["llama"], "parameter_size": "7.2B", "quantization_level": "Q4_0"}, "expires_at": "2024-06-04T14:38:31.83753-07:00", "size_vram": 5137025024}]}
        """#

    /// `/api/ps` with one model partly on the GPU, expiring at `expiresAt` (RFC 3339).
    public static func psBody(name: String = "phi3:mini", size: Int64 = 2_400_000_000, vram: Int64 = 1_800_000_000, expiresAt: String) -> String {
        #"{"models": [{"name": "\#(name)", "model": "\#(name)", "size": \#(size), "details": {"parameter_size": "3.8B", "quantization_level": "Q4_0"}, "expires_at": "\#(expiresAt)", "size_vram": \#(vram), "context_length": 4096}]}"#
    }

    public static let generateLines = [
        #"{"model": "llama3.2", "created_at": "2023-08-04T08:52:19.385406455-07:00", "response": "The", "done": false}"#,
        #"{"model": "llama3.2", "created_at": "2023-08-04T08:52:19.385406455-07:00", "response": " sky", "done": false}"#,
        #"{"model": "llama3.2", "created_at": "2023-08-04T19:22:45.499127Z", "response": "", "done": true, "context": [1, 2, 3], "total_duration": 10706818083, "load_duration": 6338219291, "prompt_eval_count": 26, "prompt_eval_duration": 130079000, "eval_count": 259, "eval_duration": 4232710000}"#,
    ]

    /// A stream that fails after one chunk, as errors.mdx describes (status stays 200).
    public static let midStreamErrorLines = [
        #"{"model": "llama3.2", "created_at": "2023-08-04T08:52:19.385406455-07:00", "response": "The", "done": false}"#,
        #"{"error":"an error was encountered while running the model"}"#,
    ]

    public static let modelNotFoundBody = #"{"error": "model \"nope\" not found, try pulling it first"}"#
    public static let internalErrorBody = #"{"error": "the model failed to generate a response"}"#
}

extension FakeOllamaServer {
    /// `/api/chat` streaming lines in the documented shape (docs/api.md "Chat request
    /// (streaming)"): `content` split into pieces, then the final line with the counters.
    public static func chatLines(content: String, pieces: Int = 4) -> [String] {
        let characters = Array(content)
        let size = max(1, (characters.count + pieces - 1) / pieces)
        var lines: [String] = []
        for start in stride(from: 0, to: characters.count, by: size) {
            let piece = String(characters[start..<min(start + size, characters.count)])
            let escaped = String(decoding: try! JSONEncoder().encode(piece), as: UTF8.self)
            lines.append(
                #"{"model": "qwen2.5-coder:7b", "created_at": "2023-08-04T08:52:19.385406455-07:00", "message": {"role": "assistant", "content": \#(escaped)}, "done": false}"#
            )
        }
        lines.append(
            #"{"model": "qwen2.5-coder:7b", "created_at": "2023-08-04T19:22:45.499127Z", "message": {"role": "assistant", "content": ""}, "done": true, "done_reason": "stop", "total_duration": 4883583458, "load_duration": 1334875, "prompt_eval_count": 26, "prompt_eval_duration": 342546000, "eval_count": 282, "eval_duration": 4535599000}"#
        )
        return lines
    }
}
