import Foundation
import NIOCore
import PostgresNIO

/// A binary array as psql shows it: "{1,2,NULL}", "{{1,2},{3,4}}", elements quoted when they
/// would otherwise be ambiguous ("{"a b","x\"y",""}").
enum PostgresArrayText {
    static func text(_ buffer: inout ByteBuffer, element: PostgresDataType) -> String? {
        guard let dimensions = buffer.readInteger(as: Int32.self), dimensions >= 0, dimensions <= 6,
            buffer.readInteger(as: Int32.self) != nil, buffer.readInteger(as: UInt32.self) != nil
        else { return nil }
        guard dimensions > 0 else { return "{}" }
        var sizes: [Int] = []
        for _ in 0..<dimensions {
            guard let size = buffer.readInteger(as: Int32.self), size >= 0, buffer.readInteger(as: Int32.self) != nil else { return nil }
            sizes.append(Int(size))
        }
        var elements: [String] = []
        elements.reserveCapacity(sizes.reduce(1, *))
        for _ in 0..<sizes.reduce(1, *) {
            guard let length = buffer.readInteger(as: Int32.self) else { return nil }
            if length < 0 {
                elements.append("NULL")
                continue
            }
            guard let bytes = buffer.readSlice(length: Int(length)), let text = PostgresCellValue.text(element, bytes) else { return nil }
            elements.append(quoted(text))
        }
        var position = 0
        return nest(sizes[...], elements, &position)
    }

    private static func nest(_ sizes: ArraySlice<Int>, _ elements: [String], _ position: inout Int) -> String {
        guard let size = sizes.first else { return "" }
        var parts: [String] = []
        for _ in 0..<size {
            if sizes.count == 1 {
                parts.append(elements[position])
                position += 1
            } else {
                parts.append(nest(sizes.dropFirst(), elements, &position))
            }
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// psql's array_out rule: quote empty strings, "NULL", and anything holding braces, quotes,
    /// backslashes, commas or white space; escape quotes and backslashes inside.
    static func quoted(_ text: String) -> String {
        let needsQuotes =
            text.isEmpty || text.lowercased() == "null"
            || text.unicodeScalars.contains { "{}\",\\ \t\n\r\u{0B}\u{0C}".unicodeScalars.contains($0) }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
