#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened read-only for positioned reads (`pread`), closed when the last reader lets go.
///
/// Positioned reads keep no shared file offset, so the handle is immutable and `Sendable`; the
/// readers keep their own position. Sizes are 64-bit throughout: WAV (RF64) and raw recordings
/// run to many GiB.
final class RecordingFile: Sendable {
    let path: String
    let size: Int64
    private let descriptor: Int32

    init(path: String) throws(RecordingError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RecordingError(path: path, offset: nil, reason: "cannot open: \(Self.errnoText())") }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let reason = "cannot stat: \(Self.errnoText())"
            close(fd)
            throw RecordingError(path: path, offset: nil, reason: reason)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw RecordingError(path: path, offset: nil, reason: "not a regular file")
        }
        descriptor = fd
        size = Int64(status.st_size)
    }

    deinit { close(descriptor) }

    /// An error about this file at `offset`.
    func error(_ reason: String, at offset: Int64?) -> RecordingError {
        RecordingError(path: path, offset: offset, reason: reason)
    }

    /// Fills `buffer` from `offset` on, stopping early only at end of file.
    ///
    /// - Returns: the bytes read; fewer than `buffer.count` means the file ended.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(RecordingError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, base + done, buffer.count - done, off_t(offset) + off_t(done))
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw error("read failed: \(Self.errnoText())", at: offset + Int64(done))
            }
            done += n
        }
        return done
    }

    /// Up to `count` bytes from `offset` (fewer at end of file); for headers and small chunks.
    func bytes(at offset: Int64, count: Int) throws(RecordingError) -> [UInt8] {
        guard count > 0, offset < size else { return [] }
        let wanted = Int(min(Int64(count), size - offset))
        var result = [UInt8](repeating: 0, count: wanted)
        let got = try read(into: &result, range: 0..<wanted, at: offset)
        if got < wanted { result.removeLast(wanted - got) }
        return result
    }

    /// ``read(into:at:)`` for part of an array: its `withUnsafeMutableBytes` cannot pass a typed error on.
    func read(into bytes: inout [UInt8], range: Range<Int>, at offset: Int64) throws(RecordingError) -> Int {
        let result = bytes.withUnsafeMutableBytes { raw in
            Result { () throws(RecordingError) -> Int in try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[range]), at: offset) }
        }
        return try result.get()
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
