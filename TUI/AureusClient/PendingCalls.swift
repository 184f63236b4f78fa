import AureusProtocol
import Synchronization

/// Calls waiting for their response, by id. Failing them all on disconnect guarantees that
/// no caller waits forever on a connection that is gone.
final class PendingCalls: Sendable {
    typealias Continuation = CheckedContinuation<Result<JSONValue, RPCError>, any Error>
    private let state = Mutex<(next: Int64, waiting: [Int64: Continuation])>((1, [:]))

    func nextID() -> Int64 {
        state.withLock { state in
            defer { state.next += 1 }
            return state.next
        }
    }

    func add(_ id: Int64, _ continuation: Continuation) {
        state.withLock { $0.waiting[id] = continuation }
    }

    func resolve(_ id: RPCID, _ result: Result<JSONValue, RPCError>) {
        guard case .int(let number) = id else { return }
        let continuation = state.withLock { $0.waiting.removeValue(forKey: number) }
        continuation?.resume(returning: result)
    }

    func fail(_ id: Int64, _ error: any Error) {
        let continuation = state.withLock { $0.waiting.removeValue(forKey: id) }
        continuation?.resume(throwing: error)
    }

    func failAll(_ error: any Error) {
        let all = state.withLock { state in
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        for continuation in all { continuation.resume(throwing: error) }
    }
}
