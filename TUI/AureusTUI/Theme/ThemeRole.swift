/// The semantic colour slots that panes draw with; a theme maps each to a colour.
///
/// Rendering code never names a colour, only a role, so a theme file (or `NO_COLOR`) can
/// restyle everything and the cell grid stays testable without a terminal.
public enum ThemeRole: String, Hashable, Sendable, CaseIterable, Codable {
    case background
    case text
    case dim
    case accent
    case border
    case focusBorder = "focus_border"
    case title
    case statusBar = "status_bar"
    case helpBar = "help_bar"
    case helpKey = "help_key"
    case ok
    case warn
    case error
    case stale
    case selection
    case riskLow = "risk_low"
    case riskMedium = "risk_medium"
    case riskHigh = "risk_high"
    /// SQL NULL in REPL results, so it never looks like an empty string.
    case null
    /// The spike raster's firing-rate column, slow to fast (see `HeatScale`).
    case heatLow = "heat_low"
    case heatMid = "heat_mid"
    case heatHigh = "heat_high"

    /// The role used when a theme leaves this one out: everything falls back towards `text`
    /// on `background` so a partial user theme still renders.
    public var fallback: ThemeRole? {
        switch self {
        case .background, .text: nil
        case .focusBorder: .accent
        case .title: .accent
        case .helpKey: .accent
        case .riskLow: .ok
        case .riskMedium: .warn
        case .riskHigh: .error
        case .heatLow: .ok
        case .heatMid: .warn
        case .heatHigh: .error
        case .stale, .null: .dim
        default: .text
        }
    }

    /// How this role stays distinguishable in monochrome, where colour is gone: the
    /// attributes a mono terminal uses instead (btop's TTY mode and k9s both lean on reverse/bold).
    public var monoAttributes: TextAttributes {
        switch self {
        case .statusBar, .helpBar, .selection: [.reverse]
        case .focusBorder, .title, .accent, .helpKey, .error, .riskHigh, .heatHigh: [.bold]
        case .warn, .riskMedium: [.underline]
        case .dim, .stale, .null, .heatLow: [.dim]
        default: []
        }
    }
}

/// Text attributes that survive every colour depth.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let underline = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let dim = TextAttributes(rawValue: 8)
}
