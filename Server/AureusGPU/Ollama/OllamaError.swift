/// A failed exchange with Ollama, typed so the watcher can name the reason and the
/// generation API can tell "model missing" from "server broken".
public struct OllamaError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Nothing listens, or the address does not resolve.
        case unreachable
        /// No complete answer within the timeout.
        case timeout
        /// The connection closed before the answer was complete.
        case dropped
        /// 404 with `{"error": "model … not found, try pulling it first"}`.
        case modelNotFound
        /// Any other non-2xx status.
        case status(Int)
        /// `{"error": …}` after a 200, in the middle of a stream.
        case midStream
        /// An answer that is not what the API documents.
        case badResponse
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String {
        switch kind {
        case .unreachable: "unreachable: \(message)"
        case .timeout: "timed out: \(message)"
        case .dropped: "connection dropped: \(message)"
        case .modelNotFound: "model not found: \(message)"
        case .status(let code): "HTTP \(code): \(message)"
        case .midStream: "error mid-stream: \(message)"
        case .badResponse: "bad response: \(message)"
        }
    }
}
