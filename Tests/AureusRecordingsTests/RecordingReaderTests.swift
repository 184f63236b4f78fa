import AureusRecordings
import Testing

@Suite("Recording readers on committed fixtures")
struct RecordingReaderTests {
    @Test("every fixture reports its format and every sample in microvolts", arguments: RecordingFixture.all)
    func samples(_ fixture: RecordingFixture) throws {
        let reader = try fixture.open()
        #expect(reader.format.channelCount == fixture.channels)
        #expect(abs(reader.format.sampleRate - fixture.sampleRate) < 1e-6)
        #expect(reader.format.frameCount == Int64(fixture.frames))
        #expect(reader.format.encoding == fixture.encoding)
        let drained = Drained(reader, block: 4096)
        #expect(drained.error == nil)
        #expect(drained.badBuffers == 0)
        #expect(drained.frames == fixture.frames)
        var mismatches = 0
        for frame in 0..<drained.frames {
            for channel in 0..<fixture.channels
            where drained.samples[frame * fixture.channels + channel] != fixture.expectedSample(frame: frame, channel: channel) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0, "\(fixture.name): \(mismatches) samples differ; first frame \(drained.samples.prefix(fixture.channels))")
    }

    @Test("block size does not change the samples, and rewind starts over", arguments: RecordingFixture.all)
    func blocksAndRewind(_ fixture: RecordingFixture) throws {
        let reader = try fixture.open()
        let whole = Drained(reader, block: 100_000)
        #expect(whole.frames == fixture.frames)
        for block in [1, 7, 256] {
            try reader.rewind()
            let drained = Drained(reader, block: block)
            #expect(drained.samples == whole.samples, "\(fixture.name) in blocks of \(block)")
        }
        try reader.rewind()
        var buffer: [Float] = [1, 2, 3]
        #expect(try reader.read(maxFrames: 0, into: &buffer) == 0)
        #expect(buffer.isEmpty)
        #expect(try reader.read(maxFrames: 2, into: &buffer) == 2)
        #expect(buffer == Array(whole.samples.prefix(2 * fixture.channels)))
    }

    @Test("a reused buffer keeps its storage once it is large enough")
    func bufferReuse() throws {
        let reader = try RecordingFixture.all[1].open()
        var buffer: [Float] = []
        _ = try reader.read(maxFrames: 64, into: &buffer)
        let capacity = buffer.capacity
        let storage = buffer.withUnsafeBufferPointer { $0.baseAddress }
        for _ in 0..<10 {
            _ = try reader.read(maxFrames: 64, into: &buffer)
            #expect(buffer.withUnsafeBufferPointer { $0.baseAddress } == storage)
        }
        #expect(buffer.capacity == capacity)
    }

    @Test("a caller's scale and rate override what the file says")
    func overrides() throws {
        let wav = try RecordingOpener.open(path: RecordingFixture.directory + "int16_2ch.wav", raw: nil, microvoltsPerUnit: 0.5)
        var buffer: [Float] = []
        _ = try wav.read(maxFrames: 1, into: &buffer)
        #expect(buffer == [-500, 4.5])
        #expect(wav.format.microvoltsPerUnit == 0.5)
        let mat = try RecordingOpener.open(path: RecordingFixture.directory + "quiroga.mat", raw: nil, sampleRate: 1000)
        #expect(mat.format.sampleRate == 1000)
    }
}
