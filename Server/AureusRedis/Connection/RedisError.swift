/// The one error type of the Redis adapter: a code to branch on plus a human-readable message.
///
/// - Important: Messages never contain the password from the URL; server error replies are
///   passed through verbatim (Redis does not echo credentials).
public struct RedisError: Error, CustomStringConvertible, Hashable {
    /// What went wrong, as an open set of constants (postgres-nio's `PSQLError.Code` pattern).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidURL, invalidArgument, connectionFailed, connectionLost, errorReply, unexpectedReply, cancelled, shutdown
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The URL could not be parsed.
        public static let invalidURL = Code(.invalidURL)
        /// The command was empty or too large to send.
        public static let invalidArgument = Code(.invalidArgument)
        /// TCP connect, `AUTH` or `SELECT` failed.
        public static let connectionFailed = Code(.connectionFailed)
        /// The connection broke (I/O error, timeout, EOF); the next call reconnects.
        public static let connectionLost = Code(.connectionLost)
        /// Redis answered with an error reply (`ERR ...`, `WRONGTYPE ...`).
        public static let errorReply = Code(.errorReply)
        /// The reply did not have the shape the caller needed.
        public static let unexpectedReply = Code(.unexpectedReply)
        /// The calling task was cancelled before the command was sent.
        public static let cancelled = Code(.cancelled)
        /// The thread pool running blocking calls has shut down.
        public static let shutdown = Code(.shutdown)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Whether the connection is unusable: the adapter drops it and reconnects on the next call.
    public var isConnectionError: Bool { code == .connectionFailed || code == .connectionLost }

    public var description: String { "RedisError(\(code)): \(message)" }
}
