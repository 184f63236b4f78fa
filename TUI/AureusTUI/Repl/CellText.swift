import AureusProtocol

/// How one result value reads on screen: SQL NULL as a marker distinct from the empty string,
/// numbers in their shortest exact form, text with control characters made harmless.
public enum CellText {
    /// Drawn for SQL NULL in the `.null` theme role; the empty string draws as nothing.
    public static let nullMarker = "∅"

    /// The text for `value`, or nil for NULL (the caller draws `nullMarker`).
    public static func display(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .int(let number): String(number)
        case .double(let number): format(number)
        case .bool(let flag): flag ? "true" : "false"
        case .string(let text): Sanitizer.clean(text)
        case .array, .object: Sanitizer.clean(CanonicalJSON.string(value))
        }
    }

    /// Display width of `value` as drawn (the marker for NULL).
    public static func width(_ value: JSONValue) -> Int {
        TextWidth.width(of: display(value) ?? nullMarker)
    }

    /// Numbers are right-aligned, so digits line up.
    public static func isNumeric(_ value: JSONValue) -> Bool {
        switch value {
        case .int, .double: true
        default: false
        }
    }

    /// "12.5", "3.0e-05" style: Swift's shortest round-trip form, "NaN"/"inf" spelled out.
    public static func format(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity" }
        return "\(number)"
    }

    /// Whether a declared column type is numeric (SQLite affinity words, Postgres names).
    public static func isNumericType(_ type: String) -> Bool {
        let upper = type.uppercased()
        return ["INT", "REAL", "FLOA", "DOUB", "NUMERIC", "DECIMAL"].contains { upper.contains($0) }
    }
}
