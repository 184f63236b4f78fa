/// The "partial" masking format: `~` and the first 12 hex digits of HMAC-SHA256(key, value).
///
/// Stable for a key, so analysts can count, group and join on it; not reversible without the
/// key, which only the server holds. Both backends compute the same text (SQLite in a
/// registered function, PostgreSQL in SQL from precomputed HMAC pads), so results and
/// evidence hashes agree across backends sharing one key.
public enum PartialMask {
    public static let hexDigits = 12

    public static func format(mac: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8(ascii: "~")]
        for byte in mac.prefix(hexDigits / 2) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
