import FuzzHarnesses

/// MAT-file Level 5 recordings, compressed or not.
@main
enum FuzzMAT {
    static func main() { runLibFuzzer(fuzzOneInput) }
}

/// One scratch file per process, reused for every input.
private let harness = RecordingHarness(fileExtension: "mat")

/// libFuzzer's per-input callback, also exported under its C name because the fuzzer
/// runtime's own (unused) `main` refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    harness.run(input)
    return 0
}
