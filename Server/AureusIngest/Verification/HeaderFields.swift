/// HTTP header fields with case-insensitive names, as RFC 9110 requires.
///
/// Providers differ in spelling (`X-WHOOP-Signature`, `x-oura-signature`), and proxies may
/// re-case names, so every lookup lowercases the name. Repeated fields keep their order.
public struct HeaderFields: Sendable, Equatable {
    private var fields: [(name: String, value: String)]

    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { (name: Self.normalise($0.0), value: $0.1) }
    }

    public static func == (lhs: HeaderFields, rhs: HeaderFields) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Appends a field; an existing field with the same name is kept.
    public mutating func append(name: String, value: String) {
        fields.append((name: Self.normalise(name), value: value))
    }

    /// The first value of `name`, or nil when absent.
    public subscript(name: String) -> String? {
        let key = Self.normalise(name)
        return fields.first { $0.name == key }?.value
    }

    /// Every value of `name`, in arrival order.
    public func values(_ name: String) -> [String] {
        let key = Self.normalise(name)
        return fields.filter { $0.name == key }.map(\.value)
    }

    /// ASCII-only lowercasing: header names are tokens, and Unicode case mapping could make two
    /// different byte strings collide.
    private static func normalise(_ name: String) -> String {
        String(decoding: name.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
