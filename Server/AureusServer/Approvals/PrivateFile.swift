import Foundation

/// Writes files that hold secrets: mode 0600 from the first byte, replaced atomically.
///
/// The content goes to a fresh temporary file created with `O_EXCL` and mode 0600, is flushed
/// with `fsync`, then renamed over the target, so a crash leaves the old file or the new one,
/// never half of either, and the secret is never readable by others, not even briefly.
enum PrivateFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw PrivateFileError(path: temporary, reason: String(cString: strerror(errno))) }
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw PrivateFileError(path: path, reason: "could not write and rename the file")
        }
    }
}

struct PrivateFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot write \(path): \(reason)" }
}
