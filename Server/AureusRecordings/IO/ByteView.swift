/// Bounds-checked integer reads from bytes in a file's byte order.
///
/// Every read returns nil past the end instead of trapping, so parsers written against it
/// turn a short or lying header into an error naming the offset.
struct ByteView: Sendable {
    let bytes: [UInt8]
    let bigEndian: Bool

    init(_ bytes: [UInt8], bigEndian: Bool = false) {
        self.bytes = bytes
        self.bigEndian = bigEndian
    }

    var count: Int { bytes.count }

    func u8(_ offset: Int) -> UInt8? { integer(offset, as: UInt8.self) }
    func u16(_ offset: Int) -> UInt16? { integer(offset, as: UInt16.self) }
    func u32(_ offset: Int) -> UInt32? { integer(offset, as: UInt32.self) }
    func u64(_ offset: Int) -> UInt64? { integer(offset, as: UInt64.self) }

    /// Four bytes as ASCII, for RIFF chunk ids; nil past the end.
    func fourCC(_ offset: Int) -> String? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        return String(decoding: bytes[offset..<offset + 4], as: Unicode.ASCII.self)
    }

    private func integer<T: FixedWidthInteger>(_ offset: Int, as: T.Type) -> T? {
        let width = MemoryLayout<T>.size
        guard offset >= 0, offset <= bytes.count - width else { return nil }
        var value: T = 0
        for index in 0..<width {
            let byte = T(bytes[offset + (bigEndian ? index : width - 1 - index)])
            value = value << 8 | byte
        }
        return value
    }
}
