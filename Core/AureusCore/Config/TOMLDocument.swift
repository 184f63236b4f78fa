/// A parsed document in the TOML subset Aureus uses for themes and the policy file.
///
/// Supported: `[table]` and `[dotted.table]` headers, `key = value` with bare, quoted or
/// dotted keys, basic strings with escapes (`\" \\ \n \t \r \b \f \e \uXXXX \UXXXXXXXX`),
/// literal strings, integers (sign, `_` separators, `0x`/`0o`/`0b`), floats, booleans,
/// arrays (nested, multi-line, trailing comma) and `#` comments. Not supported, and rejected
/// with a clear error: arrays of tables (`[[x]]`), inline tables (`{}`), multi-line strings and
/// dates. Written by hand because the parser will be fuzzed and must never crash or hang:
/// every failure is a `TOMLError` carrying a line and column.
///
/// ```swift
/// let document = try TOMLDocument(parsing: "[colors]\ntext = \"#d0d0d0\"\n")
/// document.string("colors.text")  // "#d0d0d0"
/// ```
public struct TOMLDocument: Hashable, Sendable {
    public var root: TOMLTable

    public init(root: TOMLTable = TOMLTable()) { self.root = root }

    public init(parsing text: String) throws(TOMLError) {
        var parser = TOMLParser(text)
        self.root = try parser.parseDocument()
    }

    /// The value at a dotted path, e.g. `"colors.text"` (keys containing dots need `value(at:)`).
    public subscript(path: String) -> TOMLValue? {
        root.value(at: path.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
    }

    public func value(at path: [String]) -> TOMLValue? { root.value(at: path) }

    public func string(_ path: String) -> String? { self[path]?.stringValue }

    public func integer(_ path: String) -> Int64? { self[path]?.integerValue }

    public func bool(_ path: String) -> Bool? { self[path]?.boolValue }

    public func table(_ path: String) -> TOMLTable? { path.isEmpty ? root : self[path]?.tableValue }
}
