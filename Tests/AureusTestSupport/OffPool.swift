import Foundation

/// Runs blocking work (a socket read, waiting for a child process) on a thread of its own.
///
/// The cooperative pool has one thread per core — two on CI — and an in-process server under
/// test needs them; a test that blocked one while waiting for that server would deadlock.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        // Bridge: a plain thread for blocking calls, joined through the continuation.
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}
