import AureusProtocol
import Foundation

/// The one directory `neural.sources.start` may read recordings from.
///
/// A path is taken relative to it; absolute paths, `..` and symlinks that lead outside are
/// refused after resolving (the check is on the real path, so a link planted inside the
/// directory cannot reach `/etc`).
struct RecordingsDirectory: Sendable {
    let path: String

    func resolve(_ relative: String) throws -> String {
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            throw RPCError(.forbidden, reason: "recording paths are relative to the recordings directory and may not contain '..'")
        }
        guard let root = Self.realPath(path) else {
            throw RPCError(.unavailable, reason: "the recordings directory \(path) does not exist")
        }
        guard let resolved = Self.realPath(root + "/" + relative) else {
            throw RPCError(.notFound, reason: "no recording '\(relative)' in the recordings directory")
        }
        guard resolved.hasPrefix(root + "/") else {
            throw RPCError(.forbidden, reason: "'\(relative)' resolves outside the recordings directory")
        }
        return resolved
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
