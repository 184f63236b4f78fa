import Foundation

/// A fresh, private (0700) directory under the system temp dir, removed by `remove()`.
///
/// Each test gets its own, so tests that write files (SQLite databases, data dirs) can run in
/// parallel without seeing each other's state.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "aureus-test") throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// A path inside the directory (not created).
    public func file(_ name: String) -> String { path + "/" + name }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
