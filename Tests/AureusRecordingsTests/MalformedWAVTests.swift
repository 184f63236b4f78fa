import AureusRecordings
import Testing

@Suite("Malformed WAV files")
struct MalformedWAVTests {
    typealias B = RecordingBytes

    /// Opens `bytes` as a WAV file; the reader keeps its file open after the scratch directory goes.
    func open(_ bytes: [UInt8]) throws -> any RecordingReader {
        let scratch = try ScratchFiles()
        return try RecordingOpener.open(path: scratch.write(bytes, as: "bad.wav"), raw: nil)
    }

    /// The error opening `bytes`; fails the test when they open.
    func failure(_ bytes: [UInt8]) throws -> RecordingError {
        try #require(try ScratchFiles().openingError(bytes, as: "bad.wav"))
    }

    @Test("headers that are not WAV name what they found and where")
    func headers() throws {
        let data = B.chunk("data", B.pcm16(frames: 4))
        let cases: [(String, [UInt8], Int64?, String)] = [
            ("empty", [], 0, "too short for a RIFF header"),
            ("bad magic", B.riff(B.chunk("fmt ", B.fmt()) + data, magic: "RIFX"), 0, "not a WAV file: it starts with 'RIFX'"),
            ("binary magic", [0, 1, 2, 3] + Array(B.riff([]).dropFirst(4)), 0, "0x00010203"),
            ("not WAVE", B.riff(B.chunk("fmt ", B.fmt()) + data, form: "AVI "), 8, "form type is 'AVI '"),
            ("fmt too short", B.riff(B.chunk("fmt ", Array(B.fmt().prefix(12))) + data), 20, "needs at least 16"),
            ("MP3", B.riff(B.chunk("fmt ", B.fmt(tag: 0x55)) + data), 20, "format tag 0x0055 (MPEG Layer 3)"),
            ("unknown tag", B.riff(B.chunk("fmt ", B.fmt(tag: 0x1234)) + data), 20, "format tag 0x1234; supported"),
            ("zero channels", B.riff(B.chunk("fmt ", B.fmt(channels: 0, blockAlign: 4)) + data), 22, "declares 0 channels"),
            ("zero rate", B.riff(B.chunk("fmt ", B.fmt(rate: 0)) + data), 24, "sample rate of 0"),
            ("odd block", B.riff(B.chunk("fmt ", B.fmt(blockAlign: 3)) + data), 32, "block align 3 does not hold 2"),
            ("too many bits", B.riff(B.chunk("fmt ", B.fmt(bits: 24, blockAlign: 4)) + data), 34, "24 bits per sample do not fit"),
            ("8-bit", B.riff(B.chunk("fmt ", B.fmt(bits: 8)) + data), 32, "8-bit WAV is unsigned"),
            ("float16", B.riff(B.chunk("fmt ", B.fmt(tag: 3, bits: 16)) + data), 32, "IEEE float samples of 2 bytes"),
            ("no data", B.riff(B.chunk("fmt ", B.fmt())), 36, "ends before a 'data' chunk"),
            ("data past the end, no fmt", B.riff(Array("data".utf8) + B.le32(100) + B.pcm16(frames: 2)), 20, "no fmt chunk before its data"),
            ("no fmt", B.riff(data), 36, "ends before a 'fmt' chunk"),
            ("cut chunk header", B.riff(B.chunk("fmt ", B.fmt())) + [0x64, 0x61], 36, "inside a chunk header"),
            ("cut fmt", Array(B.riff(B.chunk("fmt ", B.fmt())).prefix(30)), 30, "ends inside the fmt chunk"),
            (
                "RF64 without ds64", B.riff(B.chunk("fmt ", B.fmt()) + B.chunk("data", [], size: 0xFFFF_FFFF), magic: "RF64"), 40,
                "defers its size to a ds64 chunk"
            ),
        ]
        for (name, bytes, offset, text) in cases {
            let error = try failure(bytes)
            #expect(error.offset == offset, "\(name): \(error)")
            #expect(error.reason.contains(text), "\(name): \(error)")
            #expect(error.description.hasPrefix("bad.wav: "), "\(name)")
        }
    }

    @Test("EXTENSIBLE needs its 40-byte fmt and a known sub-format GUID")
    func extensible() throws {
        let guidTail: [UInt8] = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        let base = B.fmt(tag: 0xFFFE, channels: 3, bits: 16) + B.le16(22) + B.le16(16) + B.le32(0)
        let data = B.chunk("data", [UInt8](repeating: 0, count: 12))
        let good = try open(B.riff(B.chunk("fmt ", base + B.le32(1) + guidTail) + data))
        #expect(good.format.channelCount == 3 && good.format.encoding == "int16")
        let short = try failure(B.riff(B.chunk("fmt ", base) + data))
        #expect(short.reason.contains("needs 40"))
        let badGUID = try failure(B.riff(B.chunk("fmt ", base + B.le32(1) + guidTail.reversed()) + data))
        #expect(badGUID.reason.contains("sub-format GUID") && badGUID.offset == 44)
        let mp3 = try failure(B.riff(B.chunk("fmt ", base + B.le32(0x55) + guidTail) + data))
        #expect(mp3.reason.contains("0x0055"))
    }

    @Test("a truncated data chunk yields its whole frames, then names the offset where the data stops")
    func truncatedData() throws {
        // Declares 10 frames (40 bytes), holds 3 frames and 2 bytes of a fourth.
        let bytes = B.riff(B.chunk("fmt ", B.fmt())) + Array("data".utf8) + B.le32(40) + Array(B.pcm16(frames: 4).prefix(14))
        let reader = try open(bytes)
        #expect(reader.format.frameCount == 3)
        let drained = Drained(reader, block: 2)
        #expect(drained.samples == [1, -1, 2, -2, 3, -3])
        #expect(drained.error?.offset == Int64(56))
        #expect(drained.error?.description.contains("declares 40 bytes, the file holds 14 at byte offset 56") == true)
        var buffer: [Float] = []
        #expect(throws: RecordingError.self) { try reader.read(maxFrames: 1, into: &buffer) }
        try reader.rewind()
        #expect(try reader.read(maxFrames: 1, into: &buffer) == 1)
    }

    @Test("a data size that is not a whole number of frames delivers the frames, then the offset of the partial one")
    func partialFrame() throws {
        let bytes = B.riff(B.chunk("fmt ", B.fmt()) + B.chunk("data", Array(B.pcm16(frames: 3).prefix(10))))
        let drained = Drained(try open(bytes), block: 100)
        #expect(drained.frames == 2)
        #expect(drained.error?.offset == Int64(52))
        #expect(drained.error?.reason.contains("ends inside a frame") == true)
    }

    @Test("huge declared sizes are truncation, not a crash: RF64 ds64 of 2^64-1 bytes, a streamed RIFF of 0xFFFFFFFF")
    func hugeSizes() throws {
        let ds64 = B.chunk("ds64", B.le64(.max) + B.le64(.max) + B.le64(.max) + B.le32(0))
        let rf64 = B.riff(ds64 + B.chunk("fmt ", B.fmt()) + Array("data".utf8) + B.le32(0xFFFF_FFFF) + B.pcm16(frames: 5), magic: "RF64")
        let drained = Drained(try open(rf64), block: 100)
        #expect(drained.frames == 5)
        #expect(drained.error?.reason.contains("truncated") == true)

        // A RIFF writer that never patched its data size: read to the end of the file.
        let streamed = B.riff(B.chunk("fmt ", B.fmt())) + Array("data".utf8) + B.le32(0xFFFF_FFFF) + B.pcm16(frames: 5)
        let streamedRead = Drained(try open(streamed), block: 100)
        #expect(streamedRead.frames == 5 && streamedRead.error == nil)

        // A chunk before fmt claiming 4 GiB runs past the end of the file.
        let skipped = B.riff(Array("JUNK".utf8) + B.le32(0xFFFF_FFFE) + B.chunk("fmt ", B.fmt()))
        let error = try failure(skipped)
        #expect(error.reason == "the file ends inside the 'JUNK' chunk of 4294967294 bytes" && error.offset == Int64(skipped.count))
    }

    @Test("chunks after the data, and data before fmt, still open")
    func chunkOrder() throws {
        let after = B.riff(B.chunk("fmt ", B.fmt()) + B.chunk("data", B.pcm16(frames: 2)) + B.chunk("LIST", Array("INFOxyz".utf8)))
        let drainedAfter = Drained(try open(after), block: 10)
        #expect(drainedAfter.samples == [1, -1, 2, -2] && drainedAfter.error == nil)
        let before = B.riff(B.chunk("data", B.pcm16(frames: 2)) + B.chunk("fmt ", B.fmt()))
        #expect(Drained(try open(before), block: 10).samples == [1, -1, 2, -2])
    }
}
