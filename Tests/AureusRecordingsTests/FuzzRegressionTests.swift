import AureusRecordings
import Testing

/// Inputs that crashed a fuzz target (Fuzz/, docs/fuzzing.md), kept as literals so the fix stays
/// fixed without the fuzzer; each is also in the target's seed corpus.
@Suite("Fuzzer-found recordings")
struct FuzzRegressionTests {
    /// FuzzWAV: an RF64 file whose ds64 chunk declares a data size past Int64.max (clamped to
    /// Int64.max), then a deferred-size data chunk with no fmt chunk before it. Skipping that
    /// chunk added the RIFF pad byte to Int64.max and trapped on overflow.
    @Test("an RF64 data chunk of Int64.max bytes before any fmt chunk is an error, not a trap")
    func ds64MaximumSizeWithoutFormat() throws {
        let bytes: [UInt8] = [
            0x52, 0x46, 0x36, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0x57, 0x41, 0x56, 0x45, 0x64, 0x73, 0x36, 0x34,
            0x1C, 0x00, 0x00, 0x00, 0x61, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x10, 0x00, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0x79, 0x4E, 0x00, 0x00, 0x00, 0x71, 0x02, 0x00, 0x08, 0x00, 0x10, 0x00,
            0x64, 0x61, 0x74, 0x61, 0xFF, 0xFF, 0xFF, 0xFF,
        ]
        let error = try #require(try ScratchFiles().openingError(bytes, as: "fuzz.wav"))
        #expect(error.offset == 56)
        #expect(error.reason.contains("no fmt chunk before its data"), "\(error)")
    }
}
