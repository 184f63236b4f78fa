import AureusProtocol
import Testing

@testable import AureusClient

/// The client's table of calls in flight: replies that beat the caller, deadlines enforced by
/// one sweep, disconnects and cancellation, and no slot left behind.
@Suite("Client pending calls")
struct PendingCallsTests {
    @Test("a reply that arrives before the caller waits is kept, and the slot is freed")
    func earlyReplyIsKept() async throws {
        let pending = PendingCalls()
        let id = pending.open(timeout: .seconds(30))
        pending.resolve(.int(id), .success(.string("hello")))
        #expect(try await pending.wait(id).get() == .string("hello"))
        #expect(pending.count == 0)
    }

    @Test("a reply after the caller waits resumes it; an error reply stays an RPC error")
    func lateReplyResumes() async throws {
        let pending = PendingCalls()
        let first = pending.open(timeout: .seconds(30))
        let second = pending.open(timeout: .seconds(30))
        #expect(first != second)
        async let answer = pending.wait(first)
        async let refusal = pending.wait(second)
        try await Task.sleep(for: .milliseconds(50))
        pending.resolve(.int(second), .failure(RPCError(.forbidden, reason: "no")))
        pending.resolve(.int(first), .success(.int(7)))
        #expect(try await answer.get() == .int(7))
        #expect(try await refusal == .failure(RPCError(.forbidden, reason: "no")))
        #expect(pending.count == 0)
    }

    @Test("the sweep fails only the calls past their deadline")
    func sweepTimesOut() async throws {
        let pending = PendingCalls()
        let short = pending.open(timeout: .milliseconds(10))
        let long = pending.open(timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(30))
        pending.expire()
        await #expect(throws: ClientError.timedOut) { try await pending.wait(short) }
        pending.resolve(.int(long), .success(.null))
        #expect(try await pending.wait(long).get() == .null)
    }

    @Test("a disconnect fails waiting and not-yet-waiting calls alike; cancellation ends a wait")
    func disconnectAndCancel() async throws {
        let pending = PendingCalls()
        let waiting = pending.open(timeout: .seconds(30))
        let notYet = pending.open(timeout: .seconds(30))
        let lost = Task { try await pending.wait(waiting) }
        try await Task.sleep(for: .milliseconds(50))
        pending.failAll(ClientError.connectionLost)
        await #expect(throws: ClientError.connectionLost) { try await lost.value }
        await #expect(throws: ClientError.connectionLost) { try await pending.wait(notYet) }

        let cancelled = pending.open(timeout: .seconds(30))
        let task = Task { try await pending.wait(cancelled) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        pending.discard(pending.open(timeout: .seconds(1)))
        #expect(pending.count == 0)
    }
}
