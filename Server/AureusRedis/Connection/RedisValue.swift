/// One decoded Redis reply (RESP2), copied out of hiredis so it outlives the C reply object.
///
/// Bulk strings stay bytes because Redis values are binary-safe (payloads, counters, JSON):
/// use ``stringValue`` only where text is expected.
public enum RedisValue: Sendable, Hashable {
    /// A bulk string: arbitrary bytes, including NUL, CR and LF.
    case bulk([UInt8])
    /// A simple status reply such as `OK` or `PONG`.
    case status(String)
    case integer(Int64)
    case array([RedisValue])
    /// The nil bulk or nil array reply (`GET` of a missing key).
    case null
    /// An error reply nested inside an array (`EXEC` results). A top-level error reply is thrown
    /// as ``RedisError`` by ``RedisConnection/send(_:)`` instead.
    case error(String)

    /// The reply as UTF-8 text (bulk strings are decoded leniently), or `nil` for other kinds.
    public var stringValue: String? {
        switch self {
        case .bulk(let bytes): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    /// The raw bytes of a bulk string, or `nil` for other kinds.
    public var bytesValue: [UInt8]? {
        if case .bulk(let bytes) = self { return bytes }
        return nil
    }

    /// An integer reply, or a bulk string holding a decimal integer (what `GET` returns for a counter).
    public var int64Value: Int64? {
        switch self {
        case .integer(let value): value
        case .bulk(let bytes): Int64(String(decoding: bytes, as: UTF8.self))
        default: nil
        }
    }

    /// The elements of an array reply, or `nil` for other kinds.
    public var arrayValue: [RedisValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var isNull: Bool { self == .null }
}
