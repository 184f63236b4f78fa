import AureusProtocol
import Foundation

/// Samples pushed by a device over binary WebSocket frames (`NeuralStreamFrame`).
///
/// WebSocket tasks call `push`; the run loop's thread calls `read`. The queue is bounded
/// (two seconds of samples): a device that sends faster than detection runs gets
/// `rate_limited` for the frames that do not fit instead of growing memory without end.
final class LiveBlockSource: SampleBlockSource, @unchecked Sendable {
    // @unchecked: every mutable member is guarded by `condition`.
    let channelCount: Int
    let sampleRate: Double
    let microvoltsPerBit: Float
    private let condition = NSCondition()
    private var queued: [Float] = []
    private var readOffset = 0
    private var nextFrame: Int64 = 0
    private var closed = false
    private let capacity: Int

    init(channelCount: Int, sampleRate: Double, microvoltsPerBit: Float) {
        self.channelCount = channelCount
        self.sampleRate = sampleRate
        self.microvoltsPerBit = microvoltsPerBit
        self.capacity = max(channelCount, Int(2 * sampleRate) * channelCount)
    }

    enum PushError: Error, Equatable {
        case channelMismatch(expected: Int, got: Int)
        case backwards(expected: Int64, got: Int64)
        case full
        case closed
    }

    /// Queues one frame's samples; never blocks the WebSocket task.
    func push(_ frame: NeuralStreamFrame) throws(PushError) {
        guard frame.channelCount == channelCount else { throw .channelMismatch(expected: channelCount, got: frame.channelCount) }
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { throw .closed }
        guard frame.firstFrame >= nextFrame else { throw .backwards(expected: nextFrame, got: frame.firstFrame) }
        guard queued.count - readOffset + frame.frameCount * channelCount <= capacity else { throw .full }
        nextFrame = frame.firstFrame + Int64(frame.frameCount)
        if readOffset > 0, readOffset * 2 >= queued.count {
            queued.removeFirst(readOffset)
            readOffset = 0
        }
        frame.appendMicrovolts(to: &queued, microvoltsPerBit: microvoltsPerBit)
        condition.signal()
    }

    func read(maxFrames: Int, into buffer: inout [Float]) throws -> Int {
        condition.lock()
        defer { condition.unlock() }
        while queued.count == readOffset, !closed {
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
        }
        let frames = min(maxFrames, (queued.count - readOffset) / channelCount)
        guard frames > 0 else { return 0 }
        let count = frames * channelCount
        if buffer.count < count { buffer = Array(repeating: 0, count: count) }
        for index in 0..<count { buffer[index] = queued[readOffset + index] }
        readOffset += count
        return frames
    }

    func rewind() throws -> Bool { false }

    /// Ends the stream: a waiting `read` returns what is left, then 0.
    func interrupt() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
