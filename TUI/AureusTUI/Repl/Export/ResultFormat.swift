/// Output formats for exported results (`\o FILE`, `aureus query --format`).
public enum ResultFormat: String, Hashable, Sendable, CaseIterable {
    /// Aligned text for people (`aureus query` default).
    case table
    /// RFC 4180 with a header row; NULL is an empty unquoted field, "" is `""`.
    case csv
    /// One JSON array of objects keyed by column name.
    case json
    /// One JSON object per line.
    case ndjson

    /// `\o` picks by extension: `.json` → JSON, `.ndjson`/`.jsonl` → NDJSON, anything else CSV.
    public static func forPath(_ path: String) -> ResultFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        return .csv
    }

    /// A streaming encoder for this format.
    public func encoder() -> any ResultEncoder {
        switch self {
        case .table: TextTableEncoder()
        case .csv: CSVEncoder()
        case .json: JSONRowsEncoder(lines: false)
        case .ndjson: JSONRowsEncoder(lines: true)
        }
    }
}
