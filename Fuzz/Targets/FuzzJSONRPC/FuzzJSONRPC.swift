import FuzzHarnesses

/// JSON-RPC 2.0 frames the server reads from WebSocket clients (and the client from the server).
@main
enum FuzzJSONRPC {
    static func main() { runLibFuzzer(fuzzOneInput) }
}

/// libFuzzer's per-input callback, also exported under its C name because the fuzzer
/// runtime's own (unused) `main` refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    JSONRPCHarness.run(input)
    return 0
}
