internal import CLibFuzzer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libFuzzer over this process's command line with `harness` as the per-input callback.
///
/// Every fuzz target's `@main` calls this. SwiftPM gives each executable a `main` of its own,
/// which hides the one in libFuzzer's runtime, so the targets enter libFuzzer through
/// `LLVMFuzzerRunDriver` instead; the command line (corpus folders, `-max_total_time=`, …) is
/// libFuzzer's as usual.
/// - Returns: never; the process exits with libFuzzer's status (0: nothing found).
public func runLibFuzzer(_ harness: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, harness))
}
