import Logging
import ServiceLifecycle

/// Expires pending approval requests when their deadline passes, once a second by default.
///
/// Decisions arriving late expire their request on their own (the state machine checks the
/// deadline first), so this sweep only bounds how long a stale request lingers in the queue.
/// With several instances each sweeps; the optimistic write lets exactly one of them win.
struct ApprovalExpiry: Service {
    let approvals: ApprovalService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await approvals.expireDue()
                } catch {
                    logger.warning("approval expiry sweep failed", metadata: ["aureus.error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
