import Glibc

/// Writes an executable script (a stand-in `nvidia-smi`) with a close-on-exec descriptor.
///
/// Tests run in parallel and spawn processes; a plain write leaves the file open in any child
/// forked meanwhile, and exec'ing the script then fails with ETXTBSY ("Text file busy").
public func writeExecutableScript(_ text: String, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard fd >= 0 else { throw ShellError("cannot create \(path): errno \(errno)") }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count else { throw ShellError("short write to \(path)") }
}
