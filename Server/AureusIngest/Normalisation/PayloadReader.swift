import AureusProtocol

/// Typed, path-aware reads from a parsed payload: every failure becomes a `NormalisationError`
/// naming the field, and nothing here can trap on hostile input.
enum PayloadReader {
    /// Earliest and latest accepted sample time (1970-01-01 to 2200-01-01): outside it a value is
    /// an encoding error, and the bound keeps later arithmetic on timestamps overflow-free.
    static let timeRange: ClosedRange<Int64> = 0...7_258_118_400_000

    static func document(_ body: [UInt8]) throws(NormalisationError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw NormalisationError(.malformedJSON, path: "", error.description)
        }
        guard let object = value.objectValue else {
            throw NormalisationError(.invalidField, path: "", "expected a JSON object, got \(value.typeName)")
        }
        return object
    }

    static func object(_ value: JSONValue?, _ path: String) throws(NormalisationError) -> [String: JSONValue] {
        guard let value, value != .null else { throw NormalisationError(.missingField, path: path, "required") }
        guard let object = value.objectValue else {
            throw NormalisationError(.invalidField, path: path, "expected an object, got \(value.typeName)")
        }
        return object
    }

    static func string(_ value: JSONValue?, _ path: String) throws(NormalisationError) -> String {
        guard let value, value != .null else { throw NormalisationError(.missingField, path: path, "required") }
        guard let text = value.stringValue, !text.isEmpty else {
            throw NormalisationError(.invalidField, path: path, "expected a non-empty string, got \(value.typeName)")
        }
        return text
    }

    /// A provider id that may be sent as a string or an integer (WHOOP `user_id: 456`).
    static func identifier(_ value: JSONValue?, _ path: String) throws(NormalisationError) -> String {
        guard let value, value != .null else { throw NormalisationError(.missingField, path: path, "required") }
        guard let text = scalarText(value), !text.isEmpty else {
            throw NormalisationError(.invalidField, path: path, "expected a string or integer id, got \(value.typeName)")
        }
        return text
    }

    /// Strings as they are, integers in decimal; nil for anything else.
    static func scalarText(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        default: nil
        }
    }

    /// A finite number, or nil when absent or not a number (callers skip such items).
    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number) where number.isFinite: number
        default: nil
        }
    }

    /// An RFC 3339 time within `timeRange`, or nil.
    static func time(_ value: JSONValue?) -> Timestamp? {
        guard let text = value?.stringValue, text.utf8.contains(UInt8(ascii: "-")), let time = Timestamp(iso8601: text),
            timeRange.contains(time.milliseconds)
        else { return nil }
        return time
    }

    /// Like `time(_:)` but required.
    static func requiredTime(_ value: JSONValue?, _ path: String) throws(NormalisationError) -> Timestamp {
        guard let value, value != .null else { throw NormalisationError(.missingField, path: path, "required") }
        guard let time = time(value) else { throw NormalisationError(.invalidField, path: path, "expected an RFC 3339 time") }
        return time
    }

    /// The elements of an optional array; absent or null is empty, anything else is an error.
    static func array(_ value: JSONValue?, _ path: String) throws(NormalisationError) -> [JSONValue] {
        guard let value, value != .null else { return [] }
        guard let items = value.arrayValue else {
            throw NormalisationError(.invalidField, path: path, "expected an array, got \(value.typeName)")
        }
        return items
    }

    /// Follows object members; nil as soon as one is missing or not an object.
    static func dig(_ value: JSONValue?, _ keys: String...) -> JSONValue? {
        var current = value
        for key in keys { current = current?[key] }
        return current
    }
}
