/// A colour scheme: for each `ThemeRole` a foreground and optionally a background colour,
/// extra attributes, and the border glyph set.
///
/// Themes are data (`themes/*.toml`, see `Theme(toml:)`); code only ever names roles. A theme
/// that leaves a role out inherits along `ThemeRole.fallback`, so user themes can be short.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var summary: String
    public var border: BorderStyle
    public var foreground: [ThemeRole: Color]
    public var background: [ThemeRole: Color]
    public var attributes: [ThemeRole: TextAttributes]

    public init(
        name: String,
        summary: String = "",
        border: BorderStyle = .rounded,
        foreground: [ThemeRole: Color] = [:],
        background: [ThemeRole: Color] = [:],
        attributes: [ThemeRole: TextAttributes] = [:]
    ) {
        self.name = name
        self.summary = summary
        self.border = border
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The theme used when no theme file can be found at all: the terminal's own colours.
    public static let fallback = Theme(
        name: "builtin",
        summary: "terminal colours only",
        border: .single,
        foreground: [.accent: .indexed(6), .ok: .indexed(2), .warn: .indexed(3), .error: .indexed(1), .dim: .indexed(8)],
        background: [.statusBar: .indexed(4), .helpBar: .indexed(0), .selection: .indexed(4)],
        attributes: [.title: .bold, .focusBorder: .bold]
    )

    /// The foreground colour of `role`, following fallbacks to the terminal default.
    public func foregroundColor(_ role: ThemeRole) -> Color {
        var current: ThemeRole? = role
        while let candidate = current {
            if let color = foreground[candidate] { return color }
            current = candidate.fallback
        }
        return .terminalDefault
    }

    /// The background colour of `role`: its own, else the theme's background.
    public func backgroundColor(_ role: ThemeRole) -> Color {
        background[role] ?? background[.background] ?? .terminalDefault
    }

    /// What a `Style` becomes on a terminal with `capability`: concrete colours downgraded to
    /// what it can show, and in monochrome the roles' `monoAttributes` instead of colour.
    public func resolve(_ style: Style, capability: ColorCapability) -> ResolvedStyle {
        var attributes = style.attributes
            .union(self.attributes[style.foreground] ?? [])
        guard capability != .monochrome else {
            attributes.formUnion(style.foreground.monoAttributes)
            if style.background != .background { attributes.formUnion(style.background.monoAttributes) }
            return ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: attributes)
        }
        let fg = ColorDowngrade.downgrade(foregroundColor(style.foreground), to: capability) ?? .terminalDefault
        let bg = ColorDowngrade.downgrade(backgroundColor(style.background), to: capability) ?? .terminalDefault
        return ResolvedStyle(foreground: fg, background: bg, attributes: attributes)
    }
}

/// A style with concrete colours, ready for the terminal: what colour pairs are made from.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: TextAttributes

    public init(foreground: Color, background: Color, attributes: TextAttributes) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
