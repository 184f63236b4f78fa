import AureusProtocol

/// Aligned text for `aureus query --format table`: a header, a rule, one line per row,
/// numbers right-aligned, NULL as `∅`, control characters removed, and "(N rows)" last.
///
/// Streaming means the widths come from the first page (psql's `FETCH_COUNT` makes the same
/// trade); a later value that is wider pushes its line out instead of being cut, so no data
/// is lost in a terminal or a pipe.
public struct TextTableEncoder: ResultEncoder {
    private var columns: [QueryColumn] = []
    private var widths: [Int] = []
    private var numeric: [Bool] = []
    private var count = 0
    private var headerWritten = false

    public init() {}

    public mutating func begin(columns: [QueryColumn]) -> String {
        self.columns = columns
        return ""
    }

    public mutating func encode(rows: [[JSONValue]]) -> String {
        var text = headerWritten ? "" : header(measuring: rows)
        for row in rows {
            let cells = columns.indices.map { index -> String in
                let value = index < row.count ? row[index] : .null
                return pad(CellText.display(value) ?? CellText.nullMarker, index, right: CellText.isNumeric(value))
            }
            text += Self.trimmed(cells.joined(separator: " │ ")) + "\n"
        }
        count += rows.count
        return text
    }

    public mutating func end() -> String {
        (headerWritten ? "" : header(measuring: [])) + (count == 1 ? "(1 row)\n" : "(\(count) rows)\n")
    }

    private mutating func header(measuring rows: [[JSONValue]]) -> String {
        headerWritten = true
        widths = columns.map { TextWidth.width(of: Sanitizer.clean($0.name)) }
        numeric = columns.map { CellText.isNumericType($0.type) }
        for row in rows {
            for (index, value) in row.prefix(columns.count).enumerated() { widths[index] = max(widths[index], CellText.width(value)) }
        }
        let names = columns.indices.map { pad(Sanitizer.clean(columns[$0].name), $0, right: numeric[$0]) }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
        return Self.trimmed(names.joined(separator: " │ ")) + "\n" + rule + "\n"
    }

    private func pad(_ text: String, _ index: Int, right: Bool) -> String {
        let missing = max(0, widths[index] - TextWidth.width(of: text))
        let spaces = String(repeating: " ", count: missing)
        return right ? spaces + text : text + spaces
    }

    private static func trimmed(_ line: String) -> String {
        var text = Substring(line)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
