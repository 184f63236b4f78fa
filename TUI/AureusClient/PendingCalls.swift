import AureusProtocol
import Synchronization

/// Calls waiting for their response, by id. Failing them all on disconnect guarantees that
/// no caller waits forever on a connection that is gone.
///
/// A call opens its slot before its request is written, so a response that arrives before
/// the caller starts waiting is kept, not lost; the caller then waits without any task of its
/// own. Deadlines are enforced by `expire`, which the connection runs a few times a second:
/// one timer for every call instead of a sleeping task per call.
final class PendingCalls: Sendable {
    typealias Response = Result<JSONValue, RPCError>
    typealias Continuation = CheckedContinuation<Response, any Error>

    private enum Slot {
        case expecting(deadline: ContinuousClock.Instant)
        case waiting(Continuation, deadline: ContinuousClock.Instant)
        case arrived(Response)
        case failed(any Error)

        var deadline: ContinuousClock.Instant? {
            switch self {
            case .expecting(let deadline), .waiting(_, let deadline): deadline
            case .arrived, .failed: nil
            }
        }
    }

    private let state = Mutex<(next: Int64, slots: [Int64: Slot])>((1, [:]))

    /// A new id whose response will be kept until `wait` collects it or `timeout` passes.
    func open(timeout: Duration) -> Int64 {
        let deadline = ContinuousClock.now + timeout
        return state.withLock { state in
            defer { state.next += 1 }
            state.slots[state.next] = .expecting(deadline: deadline)
            return state.next
        }
    }

    /// The response to `id` (opened with `open`), or the error that ended the call.
    func wait(_ id: Int64) async throws -> Response {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Continuation) in
                let ready: Result<Response, any Error>? = state.withLock { state in
                    switch state.slots[id] {
                    case .expecting(let deadline):
                        state.slots[id] = .waiting(continuation, deadline: deadline)
                        return nil
                    case .arrived(let response):
                        state.slots[id] = nil
                        return .success(response)
                    case .failed(let error):
                        state.slots[id] = nil
                        return .failure(error)
                    case .waiting, nil:
                        return .failure(ClientError.connectionLost)
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            fail(id, CancellationError())
        }
    }

    func resolve(_ id: RPCID, _ response: Response) {
        guard case .int(let number) = id else { return }
        settle(number, .success(response))
    }

    func fail(_ id: Int64, _ error: any Error) {
        settle(id, .failure(error))
    }

    /// Fails every call whose deadline has passed with `ClientError.timedOut`.
    func expire(now: ContinuousClock.Instant = .now) {
        let late = state.withLock { state in
            state.slots.compactMap { id, slot in slot.deadline.map { $0 < now ? id : nil } ?? nil }
        }
        for id in late { fail(id, ClientError.timedOut) }
    }

    /// Calls with a slot (in flight, or answered but not collected yet).
    var count: Int { state.withLock { $0.slots.count } }

    /// Forgets `id` without waiting (its request could not be sent).
    func discard(_ id: Int64) {
        state.withLock { _ = $0.slots.removeValue(forKey: id) }
    }

    func failAll(_ error: any Error) {
        let ids = state.withLock { Array($0.slots.keys) }
        for id in ids { fail(id, error) }
    }

    private func settle(_ id: Int64, _ outcome: Result<Response, any Error>) {
        let continuation: Continuation? = state.withLock { state in
            switch state.slots[id] {
            case .expecting:
                switch outcome {
                case .success(let response): state.slots[id] = .arrived(response)
                case .failure(let error): state.slots[id] = .failed(error)
                }
                return nil
            case .waiting(let continuation, _):
                state.slots[id] = nil
                return continuation
            case .arrived, .failed, nil:
                return nil
            }
        }
        continuation?.resume(with: outcome)
    }
}
