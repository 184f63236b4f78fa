/// Line numbers of table headers and keys in a policy file's text.
///
/// `TOMLDocument` keeps values, not positions, and must stay unchanged, so validation errors find
/// their line with this light second pass: it tracks `[header]` lines and `key =` lines per table.
/// It is only a locator. When it cannot tell (keys spelled across lines, quoted keys with dots),
/// the lookup returns nil and the error names the table instead.
struct PolicySourceLines {
    /// First line of each header, and of each table implied by one (`[a.b]` implies `[a]`).
    private var headers: [[String]: Int] = [:]
    private var keys: [[String]: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingWhitespace()
            let number = index + 1
            if line.hasPrefix("[") && !line.hasPrefix("[[") {
                guard let close = line.firstIndex(of: "]") else { continue }
                table = Self.segments(String(line[line.index(after: line.startIndex)..<close]))
                for length in 1...max(table.count, 1) where headers[Array(table.prefix(length))] == nil {
                    headers[Array(table.prefix(length))] = number
                }
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let path = table + Self.segments(String(line[..<equals]))
                if keys[path] == nil { keys[path] = number }
            }
        }
    }

    /// The line of `key` inside `table` (a `key =` line or a header opening it), else of the table's header, else nil.
    func line(table: [String], key: String? = nil) -> Int? {
        if let key, let line = keys[table + [key]] ?? headers[table + [key]] { return line }
        return table.isEmpty ? nil : headers[table] ?? keys[table]
    }

    /// `a . "b" .'c'` → ["a", "b", "c"]; good enough for locating, not for parsing.
    private static func segments(_ text: String) -> [String] {
        text.split(separator: ".").map { part in
            var segment = String(part).trimmingWhitespace()
            if segment.count >= 2, let first = segment.first, first == "\"" || first == "'", segment.last == first {
                segment = String(segment.dropFirst().dropLast())
            }
            return segment
        }
    }
}
