internal import AureusRecordings

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recording files (WAV/RF64 and MAT-file Level 5) through `RecordingOpener`, the entry the
/// server's replay source uses, then every frame read out, a rewind, and the first block again.
///
/// The readers take a path and read with `pread`, so each input is written to one scratch file
/// per process, named with the format's extension, in `$AUREUS_FUZZ_SCRATCH` (scripts/fuzz.sh
/// points it at its work folder and removes it) or else `/dev/shm`. Going through the file keeps
/// the real I/O path, including the size checks against `fstat`.
public struct RecordingHarness: Sendable {
    /// The most frames asked for per read; small enough that a long file takes several reads.
    static let blockFrames = 4096
    /// Reads per input at most, so a lying header cannot turn one input into a slow one.
    static let maxReads = 64

    let path: String

    /// - Parameter fileExtension: `wav` or `mat`, which picks the reader.
    public init(fileExtension: String) {
        let directory = getenv("AUREUS_FUZZ_SCRATCH").map { String(cString: $0) } ?? "/dev/shm"
        path = "\(directory)/aureus-fuzz-\(getpid()).\(fileExtension)"
    }

    public func run(_ input: FuzzInput) {
        var input = input
        guard store(Array(input.rest())) else { return }
        guard let reader = try? RecordingOpener.open(path: path, raw: nil) else { return }
        _ = reader.format.channelCount
        var buffer: [Float] = []
        do {
            var reads = 0
            while reads < Self.maxReads, try reader.read(maxFrames: Self.blockFrames, into: &buffer) > 0 { reads += 1 }
        } catch {
            _ = error.description
        }
        try? reader.rewind()
        _ = try? reader.read(maxFrames: Self.blockFrames, into: &buffer)
    }

    /// Replaces the scratch file's contents with `bytes`.
    private func store(_ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in raw.baseAddress.map { write(fd, $0 + done, raw.count - done) } ?? -1 }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
