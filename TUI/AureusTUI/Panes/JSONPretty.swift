import AureusProtocol

/// Pretty-prints a `JSONValue` as indented lines for the audit detail view: keys sorted (as
/// in the canonical form the hash covers), strings escaped JSON-style so control characters
/// from the server show as `\u001b` rather than reaching the terminal.
enum JSONPretty {
    static func lines(_ value: JSONValue, indent: Int = 2) -> [String] {
        var lines: [String] = []
        write(value, prefix: "", pad: "", indent: indent, trailing: "", into: &lines)
        return lines
    }

    private static func write(_ value: JSONValue, prefix: String, pad: String, indent: Int, trailing: String, into lines: inout [String]) {
        let inner = pad + String(repeating: " ", count: indent)
        switch value {
        case .array(let items) where !items.isEmpty:
            lines.append(pad + prefix + "[")
            for (index, item) in items.enumerated() {
                write(item, prefix: "", pad: inner, indent: indent, trailing: index == items.count - 1 ? "" : ",", into: &lines)
            }
            lines.append(pad + "]" + trailing)
        case .object(let members) where !members.isEmpty:
            lines.append(pad + prefix + "{")
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                write(
                    members[key]!,
                    prefix: quote(key) + ": ",
                    pad: inner,
                    indent: indent,
                    trailing: index == keys.count - 1 ? "" : ",",
                    into: &lines
                )
            }
            lines.append(pad + "}" + trailing)
        default:
            lines.append(pad + prefix + scalar(value) + trailing)
        }
    }

    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): quote(text)
        case .array: "[]"
        case .object: "{}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                    || (0x2066...0x2069).contains(scalar.value)
                {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
