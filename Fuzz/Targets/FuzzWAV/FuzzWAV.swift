import FuzzHarnesses

/// WAV and RF64 recording files.
@main
enum FuzzWAV {
    static func main() { runLibFuzzer(fuzzOneInput) }
}

/// One scratch file per process, reused for every input.
private let harness = RecordingHarness(fileExtension: "wav")

/// libFuzzer's per-input callback, also exported under its C name because the fuzzer
/// runtime's own (unused) `main` refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    harness.run(input)
    return 0
}
