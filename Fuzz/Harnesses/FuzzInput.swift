/// The bytes of one fuzz input, read from the front: a selector byte, a line, the rest.
///
/// Harnesses that need more than one value (a provider kind, headers, a body) carve them from
/// the same input so libFuzzer's mutations reach every part; reads past the end return
/// defaults instead of trapping.
public struct FuzzInput {
    public private(set) var bytes: ArraySlice<UInt8>

    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = data.map { ArraySlice(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    }

    public init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    /// The next byte, or 0 at the end.
    public mutating func byte() -> UInt8 {
        bytes.popFirst() ?? 0
    }

    /// Bytes up to (not including) the next `terminator`, which is consumed; everything left
    /// when there is none.
    public mutating func take(until terminator: UInt8) -> ArraySlice<UInt8> {
        guard let end = bytes.firstIndex(of: terminator) else { return rest() }
        let taken = bytes[..<end]
        bytes = bytes[(end + 1)...]
        return taken
    }

    /// Everything not yet read.
    public mutating func rest() -> ArraySlice<UInt8> {
        defer { bytes = [] }
        return bytes
    }
}
