import FuzzHarnesses

/// TOML documents (server configuration).
@main
enum FuzzTOML {
    static func main() { runLibFuzzer(fuzzOneInput) }
}

/// libFuzzer's per-input callback, also exported under its C name because the fuzzer
/// runtime's own (unused) `main` refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    TOMLHarness.run(input)
    return 0
}
