import AureusCompression
import AureusRecordings
import Foundation
import Testing

@Suite("Malformed MAT files")
struct MalformedMATTests {
    typealias B = RecordingBytes

    func open(_ bytes: [UInt8], sampleRate: Double? = nil) throws -> any RecordingReader {
        let scratch = try ScratchFiles()
        return try RecordingOpener.open(path: scratch.write(bytes, as: "bad.mat"), raw: nil, sampleRate: sampleRate)
    }

    /// The error opening `bytes`; fails the test when they open.
    func failure(_ bytes: [UInt8]) throws -> RecordingError {
        try #require(try ScratchFiles().openingError(bytes, as: "bad.mat"))
    }

    static let signal = B.matrix("data", dims: [1, 3], payload: B.doubles([1, 2, 3]))
    static let rate = B.matrix("fs", dims: [1, 1], payload: B.doubles([1000]))

    @Test("a well-formed hand-made file opens, so the cases below fail for their one defect")
    func baseline() throws {
        let reader = try open(B.matHeader() + Self.signal + Self.rate)
        #expect(Drained(reader, block: 10).samples == [1, 2, 3])
        #expect(reader.format.sampleRate == 1000)
    }

    @Test("headers and elements that are not MAT level 5 name the offset")
    func malformed() throws {
        let cases: [(String, [UInt8], Int64?, String)] = [
            ("short header", Array(B.matHeader().prefix(100)), 100, "too short for a MAT-file header"),
            ("version", B.matHeader(version: 0x0200) + Self.signal + Self.rate, 124, "version is 0x0200"),
            ("endian", B.matHeader(endian: "XY") + Self.signal + Self.rate, 126, "endian indicator"),
            ("v7.3", B.matHeader(text: "MATLAB 7.3 MAT-file, HDF5") + Self.signal, 0, "HDF5"),
            ("cut tag", B.matHeader() + Self.signal + [14, 0, 0], 128 + Int64(Self.signal.count), "inside a data element tag"),
            ("element too long", B.matHeader() + B.le32(14) + B.le32(1000) + [UInt8](repeating: 0, count: 16), 128, "declares 1000 bytes"),
            (
                "dims overflow", B.matHeader() + B.matrix("data", dims: [0x7FFF_FFFF, 0x7FFF_FFFF, 0x7FFF_FFFF], payload: []) + Self.rate, 160,
                "multiply past"
            ),
            ("negative dim", B.matHeader() + B.matrix("data", dims: [1, -3], payload: []) + Self.rate, 164, "dimension 2 is negative"),
            ("one dim", B.matHeader() + B.matrix("data", dims: [3], payload: B.doubles([1, 2, 3])), 152, "two or more miINT32"),
            ("short real part", B.matHeader() + B.matrix("data", dims: [1, 4], payload: B.doubles([1, 2, 3])) + Self.rate, 184, "need 4 values"),
            ("text real part", B.matHeader() + B.matrix("data", dims: [1, 3], type: 16, payload: Array("abc".utf8)) + Self.rate, 184, "non-numeric"),
            (
                "char data", B.matHeader() + B.matrix("data", classID: 4, dims: [1, 3], type: 4, payload: [0, 0, 0, 0, 0, 0]) + Self.rate, 128,
                "not numeric"
            ),
            (
                "complex data", B.matHeader() + B.matrix("data", classID: 0x806, dims: [1, 3], payload: B.doubles([1, 2, 3])) + Self.rate, 128,
                "complex"
            ),
            ("no rate", B.matHeader() + Self.signal, nil, "no sample rate"),
            (
                "bad interval", B.matHeader() + Self.signal + B.matrix("samplingInterval", dims: [1, 1], payload: B.doubles([0])), nil,
                "not a positive"
            ),
            ("no matrix", B.matHeader() + Self.rate, nil, "no real numeric matrix to read (variables: 'fs')"),
        ]
        for (name, bytes, offset, text) in cases {
            let error = try failure(bytes)
            #expect(error.offset == offset, "\(name): \(error)")
            #expect(error.reason.contains(text), "\(name): \(error)")
        }
    }

    @Test("a missing rate can come from the caller")
    func rateOverride() throws {
        #expect(try open(B.matHeader() + Self.signal, sampleRate: 500).format.sampleRate == 500)
    }

    @Test("a damaged or mislabelled miCOMPRESSED element is an error at its offset")
    func compressed() throws {
        let fixture = try [UInt8](Data(contentsOf: URL(fileURLWithPath: RecordingFixture.directory + "quiroga.mat")))
        #expect(fixture[128] == 15, "quiroga.mat starts with a compressed element")
        var corrupt = fixture
        for index in 150..<170 { corrupt[index] ^= 0x5A }
        let damaged = try failure(corrupt)
        #expect(damaged.offset == 128)
        #expect(damaged.reason.contains("damaged"))

        let notMatrix = try Deflate.compress(B.element(9, B.doubles([1, 2])))
        let wrapped = B.matHeader() + B.le32(15) + B.le32(notMatrix.count) + notMatrix
        let mislabelled = try failure(wrapped)
        #expect(mislabelled.offset == 128 && mislabelled.reason.contains("not a matrix"))

        let inner = try Deflate.compress(B.matrix("data", dims: [1, 4], payload: B.doubles([1, 2, 3])))
        let short = try failure(B.matHeader() + B.le32(15) + B.le32(inner.count) + inner + Self.rate)
        #expect(short.offset == 128 && short.reason.contains("byte 56 of the inflated variable"), "\(short)")
    }

    @Test("the largest numeric matrix is the signal when there is no 'data'; the longer side is time")
    func choice() throws {
        let small = B.matrix("a", dims: [2, 2], payload: B.doubles([9, 9, 9, 9]))
        let tall = B.matrix("b", dims: [3, 2], payload: B.doubles([1, 2, 3, 4, 5, 6]))
        let reader = try open(B.matHeader() + small + tall + Self.rate)
        #expect(reader.format.channelCount == 2 && reader.format.frameCount == 3)
        #expect(Drained(reader, block: 2).samples == [1, 4, 2, 5, 3, 6])
    }
}
