import Foundation
import Glibc

/// Files only the user may read (session cache, REPL history, exports): written to a
/// temporary file with mode 0600 in a 0700 directory and renamed into place, so a crash
/// leaves the old file or the new one, never half of one.
enum PrivateFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw PrivateFileError("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        fchmod(fd, 0o600)
        close(fd)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw PrivateFileError("cannot write \(path)")
        }
    }
}

/// A file written a piece at a time (an export) that appears under its name only when
/// complete: `commit()` renames it into place, `discard()` removes it.
final class StagedFile {
    let path: String
    private let temporary: String
    private var fd: Int32

    init(path: String) throws {
        self.path = path
        temporary = path + ".partial-\(getpid())"
        fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw PrivateFileError("cannot create \(path): \(String(cString: strerror(errno)))") }
    }

    func write(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw PrivateFileError("cannot write \(path): \(String(cString: strerror(errno)))") }
            bytes = bytes.dropFirst(written)
        }
    }

    func commit() throws {
        guard fsync(fd) == 0, close(fd) == 0 else { throw PrivateFileError("cannot write \(path): \(String(cString: strerror(errno)))") }
        fd = -1
        guard rename(temporary, path) == 0 else { throw PrivateFileError("cannot create \(path): \(String(cString: strerror(errno)))") }
    }

    func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(temporary)
    }

    deinit { if fd >= 0 { discard() } }
}

struct PrivateFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
