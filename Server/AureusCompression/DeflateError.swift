import CZlib

/// What zlib reported, classified once here.
public struct DeflateError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The data is not a valid stream of the expected size.
        case corrupt
        /// The inflated data would pass the caller's limit.
        case tooLarge
        case outOfMemory
        case other
    }

    public let kind: Kind
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Z_BUF_ERROR from `uncompress2` means the stream holds more than the stored size.
    init(code: Int32, operation: String) {
        switch code {
        case Z_DATA_ERROR: self.init(.corrupt, "\(operation): invalid or truncated zlib stream")
        case Z_BUF_ERROR: self.init(.corrupt, "\(operation): the stream is longer than the stored size")
        case Z_MEM_ERROR: self.init(.outOfMemory, "\(operation): zlib ran out of memory")
        default: self.init(.other, "\(operation): zlib error \(code)")
        }
    }

    public var description: String { "deflate: \(message)" }
}
