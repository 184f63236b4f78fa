import AureusRecordings
import Foundation
import Testing

@Suite("Truncated recordings")
struct TruncationTests {
    /// Every prefix up to 600 bytes (all the headers), then about 300 more spread over the rest,
    /// then the whole file.
    static func prefixLengths(of size: Int) -> [Int] {
        Array(0..<min(size, 600)) + Array(stride(from: 600, to: size, by: max(1, size / 300))) + [size]
    }

    /// Serialized: the 19 cases are CPU-bound (seconds in all), and run side by side they held
    /// both cooperative threads of a 2-core machine, which made unrelated timing tests late.
    @Test(
        "every prefix of every fixture opens and reads correct whole frames, or fails with a RecordingError",
        .serialized,
        arguments: RecordingFixture.all
    )
    func prefixes(_ fixture: RecordingFixture) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: fixture.path)))
        let scratch = try ScratchFiles()
        let isStreamed = !fixture.name.hasSuffix(".mat")
        var opened = 0
        // Longest first, so one file is written once and then only cut shorter.
        let path = try scratch.write(bytes, as: fixture.name)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        for length in Self.prefixLengths(of: bytes.count).reversed() {
            try handle.truncate(atOffset: UInt64(length))
            let reader: any RecordingReader
            do {
                reader = try RecordingOpener.open(path: path, raw: fixture.raw)
            } catch {
                #expect(error.path == path)
                #expect(!error.reason.isEmpty)
                if let offset = error.offset {
                    #expect(offset >= 0 && offset <= Int64(length), "\(fixture.name)[..<\(length)]: \(error)")
                    #expect(error.description.hasSuffix("at byte offset \(offset)"))
                }
                continue
            }
            opened += 1
            let drained = Drained(reader, block: 257)
            #expect(drained.frames <= fixture.frames)
            #expect(Int64(drained.frames) == reader.format.frameCount)
            let expected = (0..<drained.frames * fixture.channels).map {
                fixture.expectedSample(frame: $0 / fixture.channels, channel: $0 % fixture.channels)
            }
            #expect(drained.samples == expected, "\(fixture.name)[..<\(length)]")
            // Streamed formats deliver what is there, then name where the data stops; MAT files
            // that open at all hold the whole variable (a later variable may be cut off).
            if isStreamed {
                let cut = length < bytes.count
                #expect((drained.error != nil) == cut || (fixture.raw != nil && length % (2 * fixture.channels) == 0))
                if let error = drained.error {
                    #expect((error.offset ?? .max) <= Int64(length), "\(error)")
                }
            } else {
                #expect(drained.error == nil && drained.frames == fixture.frames)
            }
        }
        #expect(opened > 0)
    }
}
