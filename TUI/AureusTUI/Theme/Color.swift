/// A colour as a theme file writes it: `"#rrggbb"`, an xterm index 0–255, a name
/// (`"red"`, `"bright-blue"` …) or `"default"` (the terminal's own colour, for transparency).
public enum Color: Hashable, Sendable, CustomStringConvertible {
    case terminalDefault
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// The 16 ANSI colour names, in index order.
    public static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses the text form; nil when it is none of the accepted spellings.
    public init?(_ text: String) {
        let lowered = String(text.lowercased().map { $0 == "_" ? "-" : $0 })
        if lowered == "default" || lowered == "none" {
            self = .terminalDefault
        } else if lowered == "grey" || lowered == "gray" {
            self = .indexed(8)
        } else if let index = Self.names.firstIndex(of: lowered) {
            self = .indexed(UInt8(index))
        } else if lowered.hasPrefix("#"), lowered.count == 7, let value = UInt32(lowered.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else if let index = UInt8(lowered) {
            self = .indexed(index)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .indexed(let index): return index < 16 ? Self.names[Int(index)] : String(index)
        case .rgb(let r, let g, let b):
            func hex(_ v: UInt8) -> String { (v < 16 ? "0" : "") + String(v, radix: 16) }
            return "#" + hex(r) + hex(g) + hex(b)
        }
    }
}

/// How many colours the terminal can show, from richest to poorest.
public enum ColorCapability: Int, Hashable, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case monochrome = 0
    case ansi16 = 16
    case xterm256 = 256
    case truecolor = 16_777_216

    public static func < (lhs: ColorCapability, rhs: ColorCapability) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .monochrome: "mono"
        case .ansi16: "16"
        case .xterm256: "256"
        case .truecolor: "truecolor"
        }
    }

    /// Picks the capability from the environment and the terminal's colour count.
    ///
    /// `NO_COLOR` (any non-empty value, https://no-color.org) forces monochrome; `COLORTERM`
    /// of `truecolor`/`24bit` raises a 256-colour terminal to truecolor (terminfo rarely says
    /// so); otherwise the count (`COLORS` after `start_color`) decides.
    public static func detect(environment: [String: String], colors: Int) -> ColorCapability {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if colors >= 0x100_0000 { return .truecolor }
        if colors >= 256 { return colorTerm == "truecolor" || colorTerm == "24bit" ? .truecolor : .xterm256 }
        if colors >= 16 { return .ansi16 }
        if colors >= 8 { return .ansi16 }
        return .monochrome
    }
}
