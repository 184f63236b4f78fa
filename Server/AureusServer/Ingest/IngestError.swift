/// Why ingestion refused a delivery after verification: the queue is full, or the store is
/// failing (circuit open). Both are 503 with `Retry-After`; nothing was acknowledged.
struct IngestError: Error, CustomStringConvertible {
    enum Code: Sendable {
        case overloaded
        case storeUnavailable
        case shuttingDown
    }

    let code: Code
    let retryAfterSeconds: Int

    var description: String {
        switch code {
        case .overloaded: "ingestion queue is full"
        case .storeUnavailable: "the store is unavailable"
        case .shuttingDown: "the server is shutting down"
        }
    }
}
