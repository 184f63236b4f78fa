/// How a cell looks, in theme terms: foreground and background are roles, resolved to real
/// colours only when the terminal draws (see `Theme.resolve(_:capability:)`).
public struct Style: Hashable, Sendable {
    public var foreground: ThemeRole
    public var background: ThemeRole
    public var attributes: TextAttributes

    public init(_ foreground: ThemeRole = .text, on background: ThemeRole = .background, _ attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    public func with(_ extra: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// The same style on another background role (for bars and selections).
    public func on(_ background: ThemeRole) -> Style {
        var copy = self
        copy.background = background
        return copy
    }
}
