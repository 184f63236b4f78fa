import AureusRecordings
import Foundation
import Testing

@Suite("Raw int16 files and the opener")
struct RawAndOpenerTests {
    typealias B = RecordingBytes

    func failure(_ body: () throws(RecordingError) -> any RecordingReader) -> RecordingError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("a raw file needs its layout, and the layout must be usable")
    func layout() throws {
        let scratch = try ScratchFiles()
        let path = try scratch.write(B.pcm16(frames: 3), as: "amplifier.dat")
        let missing = failure { () throws(RecordingError) in try RecordingOpener.open(path: path, raw: nil) }
        #expect(missing?.reason.contains("channel count, sample rate and µV per bit") == true)
        #expect(missing?.description == "amplifier.dat: a raw .dat file has no header: give its channel count, sample rate and µV per bit")
        for bad in [
            RawRecordingLayout(channelCount: 0, sampleRate: 1000), RawRecordingLayout(channelCount: 2, sampleRate: 0),
            RawRecordingLayout(channelCount: 2, sampleRate: .nan), RawRecordingLayout(channelCount: 2, sampleRate: 1000, microvoltsPerBit: 0),
        ] {
            #expect(failure { () throws(RecordingError) in try RecordingOpener.open(path: path, raw: bad) } != nil, "\(bad)")
        }
        let reader = try RecordingOpener.open(path: path, raw: RawRecordingLayout(channelCount: 2, sampleRate: 1000, microvoltsPerBit: 2))
        #expect(Drained(reader, block: 5).samples == [2, -2, 4, -4, 6, -6])
    }

    @Test(".raw and .bin are raw too; a partial frame is named after the whole frames are read")
    func partialFrame() throws {
        let scratch = try ScratchFiles()
        for name in ["x.raw", "X.BIN"] {
            let path = try scratch.write(B.pcm16(frames: 3) + [1, 2, 3], as: name)
            let reader = try RecordingOpener.open(path: path, raw: RawRecordingLayout(channelCount: 2, sampleRate: 1000, microvoltsPerBit: 1))
            #expect(reader.format.frameCount == 3)
            let drained = Drained(reader, block: 2)
            #expect(drained.samples == [1, -1, 2, -2, 3, -3])
            #expect(drained.error?.offset == 12)
            #expect(drained.error?.description == "\(name): the file ends inside a frame (3 of 4 bytes; 2 channels × int16) at byte offset 12")
        }
    }

    @Test("unknown extensions, missing files and directories are errors without an offset")
    func opener() throws {
        let scratch = try ScratchFiles()
        let cases: [(String, String)] = [
            (try scratch.write([1, 2], as: "notes.txt"), "extension '.txt' is not a known recording format"),
            (try scratch.write([1, 2], as: "noextension"), "no extension is not a known recording format"),
            (scratch.directory + "/missing.wav", "cannot open"),
            (scratch.directory + "/.", "not a known recording format"),
        ]
        for (path, text) in cases {
            let error = failure { () throws(RecordingError) in try RecordingOpener.open(path: path, raw: nil) }
            #expect(error?.reason.contains(text) == true, "\(path): \(String(describing: error))")
            #expect(error?.offset == nil)
        }
        let folder = scratch.directory + "/recording.wav"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let error = failure { () throws(RecordingError) in try RecordingOpener.open(path: folder, raw: nil) }
        #expect(error?.reason == "not a regular file")
    }
}
