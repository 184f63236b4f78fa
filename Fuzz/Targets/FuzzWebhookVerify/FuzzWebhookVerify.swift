import FuzzHarnesses

/// Webhook deliveries through every provider's verifier, then its normaliser.
@main
enum FuzzWebhookVerify {
    static func main() { runLibFuzzer(fuzzOneInput) }
}

/// libFuzzer's per-input callback, also exported under its C name because the fuzzer
/// runtime's own (unused) `main` refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    WebhookVerifyHarness.run(input)
    return 0
}
