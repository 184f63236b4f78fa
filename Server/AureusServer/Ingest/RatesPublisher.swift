import AureusCore
import AureusProtocol
import ServiceLifecycle

/// Pushes the `rates` topic when something changed: at once after a quiet spell (so one
/// webhook reaches a watching operator within milliseconds) and at most every 250 ms under
/// load (so no client gets more than four updates a second). Also flushes the rejection
/// ledger into the audit trail once a minute.
struct RatesPublisher: Service {
    let rates: RateTracker
    let rejections: RejectionLedger
    let bus: EventBus
    let audit: AuditRecorder
    let clock: any WallClock
    static let minimumSpacing = Duration.milliseconds(250)
    static let auditInterval = Duration.seconds(60)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await publishLoop() }
                group.addTask { await auditLoop() }
            }
        }
        await flushRejections()
    }

    private func publishLoop() async {
        var lastPublish = ContinuousClock.now - Self.minimumSpacing
        for await _ in rates.changes {
            let due = lastPublish + Self.minimumSpacing
            if ContinuousClock.now < due { try? await Task.sleep(until: due) }
            lastPublish = ContinuousClock.now
            bus.publish(topic: .rates, data: rates.snapshot(now: clock.now()))
        }
    }

    private func auditLoop() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: Self.auditInterval) } catch { return }
            await flushRejections()
        }
    }

    private func flushRejections() async {
        guard let summary = rejections.drain() else { return }
        await audit.record(
            actor: "-",
            role: nil,
            action: "webhooks.rejected",
            target: nil,
            summary: summary,
            outcome: "denied",
            requestID: nil,
            clientAddress: nil
        )
    }
}
