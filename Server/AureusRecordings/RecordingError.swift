/// Why a recording could not be opened or read, naming the file and, when known, the byte offset.
///
/// Every reader turns malformed, truncated or unsupported input into this error instead of
/// trapping, so a bad upload can never take the server down. `offset` is where the reader was
/// looking in the file; for data inside a MAT `miCOMPRESSED` element it is the element's offset
/// and `reason` says where in the inflated bytes the problem lies.
public struct RecordingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var offset: Int64?
    public var reason: String

    public init(path: String, offset: Int64?, reason: String) {
        self.path = path
        self.offset = offset
        self.reason = reason
    }

    /// "<file name>: <reason> at byte offset N", or without the offset when there is none.
    public var description: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let offset else { return "\(name): \(reason)" }
        return "\(name): \(reason) at byte offset \(offset)"
    }
}
