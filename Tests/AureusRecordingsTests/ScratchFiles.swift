import AureusRecordings
import Foundation

/// A temporary directory for hand-made and truncated recordings, removed when released.
final class ScratchFiles: Sendable {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-recordings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// The error from opening `bytes` saved as `name`; nil when the file opens.
    func openingError(_ bytes: [UInt8], as name: String, raw: RawRecordingLayout? = nil, sampleRate: Double? = nil) throws -> RecordingError? {
        let path = try write(bytes, as: name)
        do {
            _ = try RecordingOpener.open(path: path, raw: raw, sampleRate: sampleRate)
            return nil
        } catch {
            return error
        }
    }

    /// Writes `bytes` to `name` in the directory (replacing it) and returns its path.
    func write(_ bytes: [UInt8], as name: String) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
