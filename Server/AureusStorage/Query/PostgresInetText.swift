import NIOCore

/// A binary `inet` or `cidr` (family, prefix bits, is-cidr flag, address length, address) as
/// psql shows it: "10.0.0.1", "10.0.0.0/8", "2001:db8::1/64"; an `inet` host address has no
/// prefix, a `cidr` always has one.
enum PostgresInetText {
    static func text(_ buffer: inout ByteBuffer, cidr: Bool) -> String? {
        guard let family = buffer.readInteger(as: UInt8.self), let bits = buffer.readInteger(as: UInt8.self),
            buffer.readInteger(as: UInt8.self) != nil, let length = buffer.readInteger(as: UInt8.self),
            let address = buffer.readBytes(length: Int(length))
        else { return nil }
        let full: Int
        let text: String
        switch (family, address.count) {
        case (2, 4):
            full = 32
            text = address.map(String.init).joined(separator: ".")
        case (3, 16):
            full = 128
            text = ipv6(address)
        default: return nil
        }
        return cidr || Int(bits) != full ? "\(text)/\(bits)" : text
    }

    /// RFC 5952 text: lower-case hex, the longest run of two or more zero groups as "::", and an
    /// IPv4-mapped address with its last 32 bits dotted.
    static func ipv6(_ bytes: [UInt8]) -> String {
        let groups = (0..<8).map { UInt16(bytes[$0 * 2]) << 8 | UInt16(bytes[$0 * 2 + 1]) }
        if groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xFFFF {
            return "::ffff:" + bytes[12..<16].map(String.init).joined(separator: ".")
        }
        var best: Range<Int>? = nil
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index >= 2, end - index > (best?.count ?? 0) { best = index..<end }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard let best else { return hex.joined(separator: ":") }
        return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
    }
}
