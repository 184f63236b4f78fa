import AureusProtocol

/// Keeps audit events small: a string param longer than `limit` characters (a CSV file given to
/// `datasets.import`) is replaced by its length and first characters. The event still says
/// what was done and how big it was; the data itself belongs in the dataset, not the log.
public enum AuditSummaryCompaction {
    public static let limit = 2048

    public static func compact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text) where text.utf8.count > limit:
            return .string("[\(text.utf8.count) bytes omitted; starts: \(text.prefix(80))]")
        case .object(let members):
            return .object(members.mapValues(compact))
        case .array(let items):
            return .array(items.map(compact))
        default:
            return value
        }
    }
}
