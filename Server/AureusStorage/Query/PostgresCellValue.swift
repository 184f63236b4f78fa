import AureusCrypto
import AureusProtocol
import Foundation
import PostgresNIO

/// A PostgreSQL result cell as a wire value. PostgresNIO asks for every column in binary, so each
/// type needs its own reading: a type read as text would come back as raw bytes. Types listed
/// here are shown the way psql shows them (times as RFC 3339 UTC like every other Aureus time);
/// a result with any other column type is refused up front with a hint to cast it, rather than
/// sent as garbage or as a NULL that was not one.
enum PostgresCellValue {
    /// Scalar types this file reads; arrays of them are read too.
    static let scalarTypes: Set<PostgresDataType> = [
        .int2, .int4, .int8, .oid, .float4, .float8, .numeric, .bool, .bytea,
        .timestamp, .timestamptz, .date, .time, .text, .varchar, .bpchar, .name, .char,
        .json, .jsonb, .xml, .uuid, .interval, .inet, .cidr,
    ]

    /// Array type oid → element type, for the scalar types above (pg_type.typarray).
    static let arrayElements: [UInt32: PostgresDataType] = [
        1005: .int2, 1007: .int4, 1016: .int8, 1028: .oid, 1021: .float4, 1022: .float8, 1231: .numeric,
        1000: .bool, 1001: .bytea, 1115: .timestamp, 1185: .timestamptz, 1182: .date, 1183: .time,
        1009: .text, 1015: .varchar, 1014: .bpchar, 1003: .name, 1002: .char, 199: .json, 3807: .jsonb,
        143: .xml, 2951: .uuid, 1187: .interval, 1041: .inet, 651: .cidr,
    ]

    /// The element type of a supported array type, or nil.
    static func elementType(ofArray type: PostgresDataType) -> PostgresDataType? { arrayElements[type.rawValue] }

    static func isSupported(_ type: PostgresDataType) -> Bool {
        scalarTypes.contains(type) || elementType(ofArray: type) != nil
    }

    /// Nil when every column can be shown; otherwise the reason naming the first one that cannot.
    static func unsupportedColumn(in columns: PostgresColumns) -> String? {
        for column in columns where !isSupported(column.dataType) {
            let type = column.dataType.knownSQLName ?? "oid \(column.dataType.rawValue)"
            return "column '\(Sanitize.short(column.name))' has PostgreSQL type \(type), which results cannot show; "
                + "cast it, e.g. \(Sanitize.short(column.name))::text"
        }
        return nil
    }

    static func value(_ cell: PostgresCell) -> JSONValue {
        guard let bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return (try? cell.decode(Int64.self)).map { .int($0) } ?? .null
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map { .double($0) } ?? .null
        case .numeric:
            // A numeric with no decimal places (the display scale in its header is 0) that fits
            // stays an integer: sum() of bigints is numeric in PostgreSQL and an integer in SQLite.
            // Anything else (avg(), 12.50) becomes a double.
            guard let decimal = try? cell.decode(Decimal.self) else { return .null }
            if bytes.getInteger(at: bytes.readerIndex + 6, as: Int16.self) == 0, abs(decimal) < 9_007_199_254_740_992 {
                let whole = NSDecimalNumber(decimal: decimal).int64Value
                if Decimal(whole) == decimal { return .int(whole) }
            }
            return .double(NSDecimalNumber(decimal: decimal).doubleValue)
        case .bool:
            return (try? cell.decode(Bool.self)).map { .string($0 ? "true" : "false") } ?? .null
        default:
            return text(cell.dataType, bytes).map { .string($0) } ?? .null
        }
    }

    /// The psql-style text of one binary value; nil for a type outside `scalarTypes` and arrays.
    static func text(_ type: PostgresDataType, _ bytes: ByteBuffer) -> String? {
        var buffer = bytes
        switch type {
        case .int2: return buffer.readInteger(as: Int16.self).map { String($0) }
        case .int4: return buffer.readInteger(as: Int32.self).map { String($0) }
        case .int8: return buffer.readInteger(as: Int64.self).map { String($0) }
        case .oid: return buffer.readInteger(as: UInt32.self).map { String($0) }
        case .float4: return buffer.readInteger(as: UInt32.self).map { "\(Float(bitPattern: $0))" }
        case .float8: return buffer.readInteger(as: UInt64.self).map { "\(Double(bitPattern: $0))" }
        case .bool: return buffer.readInteger(as: UInt8.self).map { $0 != 0 ? "t" : "f" }
        case .numeric:
            return (try? Decimal(from: &buffer, type: .numeric, format: .binary, context: .default)).map { "\($0)" }
        case .bytea: return "\\x" + Hex.encode(buffer.readableBytesView)
        case .timestamp, .timestamptz:
            // Microseconds since 2000-01-01 00:00:00 UTC; shown to the millisecond like every time on the wire.
            return buffer.readInteger(as: Int64.self).map {
                Timestamp(milliseconds: Self.floorDivide($0, 1000) + Self.postgresEpochMilliseconds).iso8601
            }
        case .date:
            return buffer.readInteger(as: Int32.self).map {
                Timestamp(milliseconds: (Int64($0) * 86_400_000) + Self.postgresEpochMilliseconds).iso8601
            }
        case .time: return buffer.readInteger(as: Int64.self).map(Self.timeOfDay)
        case .uuid:
            guard buffer.readableBytes == 16 else { return nil }
            let hex = Hex.encode(buffer.readableBytesView)
            let chars = Array(hex)
            return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
        case .jsonb:
            // A version byte (1), then the JSON text.
            guard buffer.readInteger(as: UInt8.self) == 1 else { return nil }
            return buffer.readString(length: buffer.readableBytes)
        case .text, .varchar, .bpchar, .name, .char, .json, .xml:
            return buffer.readString(length: buffer.readableBytes)
        case .interval: return PostgresIntervalText.text(&buffer)
        case .inet, .cidr: return PostgresInetText.text(&buffer, cidr: type == .cidr)
        default:
            guard let element = elementType(ofArray: type) else { return nil }
            return PostgresArrayText.text(&buffer, element: element)
        }
    }

    /// 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds.
    static let postgresEpochMilliseconds: Int64 = 946_684_800_000

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    /// "HH:MM:SS" with the fraction psql shows (trailing zeros dropped); hours may pass 24 in intervals.
    static func timeOfDay(_ microseconds: Int64) -> String {
        let magnitude = microseconds.magnitude
        let seconds = magnitude / 1_000_000
        var text = pad(seconds / 3600) + ":" + pad(seconds / 60 % 60) + ":" + pad(seconds % 60)
        let fraction = magnitude % 1_000_000
        if fraction > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 6 - digits.count) + digits
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    static func pad(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
