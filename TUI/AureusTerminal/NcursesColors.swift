import AureusTUI
import CNcursesw

/// Allocates ncurses colour pairs on demand, one per (foreground, background) in use, and
/// caches resolved styles so a frame costs dictionary look-ups, not theme resolution.
///
/// Colours are mapped to what ncurses can show: `-1` for the terminal default
/// (`use_default_colors`), palette indexes below `COLORS`, and packed RGB when the terminfo
/// entry is a direct-colour one (`COLORS` ≥ 2^24, e.g. `TERM=xterm-direct`).
struct NcursesColors {
    let capability: ColorCapability
    let colorCount: Int32
    let pairLimit: Int32
    private var pairs: [PairKey: Int32] = [:]
    private var styles: [Style: (attributes: attr_t, pair: Int32)] = [:]
    private(set) var themeName = ""

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    init(capability: ColorCapability, colorCount: Int32, pairLimit: Int32) {
        self.capability = capability
        self.colorCount = colorCount
        self.pairLimit = pairLimit
    }

    /// Forget cached styles when the theme changes (pairs stay allocated and are reused).
    mutating func use(theme: Theme) {
        if theme.name != themeName || styles.isEmpty {
            styles.removeAll()
            themeName = theme.name
        }
    }

    mutating func attributes(for style: Style, theme: Theme) -> (attributes: attr_t, pair: Int32) {
        if let cached = styles[style] { return cached }
        let resolved = theme.resolve(style, capability: capability)
        var attributes = aureus_attr_normal()
        if resolved.attributes.contains(.bold) { attributes |= aureus_attr_bold() }
        if resolved.attributes.contains(.underline) { attributes |= aureus_attr_underline() }
        if resolved.attributes.contains(.reverse) { attributes |= aureus_attr_reverse() }
        if resolved.attributes.contains(.dim) { attributes |= aureus_attr_dim() }
        let pair = capability == .monochrome ? 0 : pairNumber(resolved.foreground, resolved.background)
        styles[style] = (attributes, pair)
        return (attributes, pair)
    }

    private func number(_ color: Color) -> Int32 {
        switch color {
        case .terminalDefault: return -1
        case .indexed(let index):
            let value = Int32(index)
            return value < colorCount ? value : value % max(1, min(colorCount, 8))
        case .rgb(let r, let g, let b):
            if colorCount >= 0x100_0000 { return Int32(r) << 16 | Int32(g) << 8 | Int32(b) }
            return number(.indexed(ColorDowngrade.nearest256(r, g, b)))
        }
    }

    private mutating func pairNumber(_ foreground: Color, _ background: Color) -> Int32 {
        let key = PairKey(foreground: number(foreground), background: number(background))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let next = Int32(pairs.count + 1)
        guard next < pairLimit, init_extended_pair(next, key.foreground, key.background) == OK else { return 0 }
        pairs[key] = next
        return next
    }
}
