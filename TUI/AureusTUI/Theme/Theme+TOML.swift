import AureusCore

/// Reading a theme from its TOML form:
///
/// ```toml
/// name = "default"
/// description = "Dark background, cyan accents"
/// border = "rounded"            # single | rounded | heavy | double | ascii
/// [colors]                      # foreground per role
/// text = "#d0d0d0"
/// [backgrounds]                 # background per role (bars, selection, the screen)
/// status_bar = "#1c3a5a"
/// [attributes]                  # extra attributes per role
/// title = ["bold"]
/// ```
extension Theme {
    public init(toml document: TOMLDocument, fallbackName: String) throws(ThemeError) {
        let name = document.string("name") ?? fallbackName
        self.init(name: name, summary: document.string("description") ?? "")
        if let border = document["border"] {
            guard let text = border.stringValue, let style = BorderStyle(rawValue: text) else {
                throw ThemeError(theme: name, message: "border must be one of \(BorderStyle.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.border = style
        }
        foreground = try Self.colors(document.table("colors"), section: "colors", theme: name)
        background = try Self.colors(document.table("backgrounds"), section: "backgrounds", theme: name)
        if background[.background] == nil, let screen = foreground[.background] { background[.background] = screen }
        if let table = document.table("attributes") {
            for key in table.keys {
                let role = try Self.role(key, section: "attributes", theme: name)
                guard let list = table[key]?.arrayValue else {
                    throw ThemeError(theme: name, message: "attributes.\(key) must be an array like [\"bold\"]")
                }
                var set: TextAttributes = []
                for item in list {
                    switch item.stringValue {
                    case "bold": set.insert(.bold)
                    case "underline": set.insert(.underline)
                    case "reverse": set.insert(.reverse)
                    case "dim": set.insert(.dim)
                    default:
                        throw ThemeError(theme: name, message: "attributes.\(key): unknown attribute (use bold, underline, reverse, dim)")
                    }
                }
                attributes[role] = set
            }
        }
    }

    /// Parses theme text; TOML errors keep their line numbers in the message.
    public init(parsing text: String, fallbackName: String) throws(ThemeError) {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw ThemeError(theme: fallbackName, message: error.description)
        }
        try self.init(toml: document, fallbackName: fallbackName)
    }

    private static func role(_ key: String, section: String, theme: String) throws(ThemeError) -> ThemeRole {
        guard let role = ThemeRole(rawValue: key) else {
            throw ThemeError(theme: theme, message: "\(section).\(key) is not a theme role")
        }
        return role
    }

    private static func colors(_ table: TOMLTable?, section: String, theme: String) throws(ThemeError) -> [ThemeRole: Color] {
        guard let table else { return [:] }
        var result: [ThemeRole: Color] = [:]
        for key in table.keys {
            let role = try role(key, section: section, theme: theme)
            let color: Color?
            switch table[key] {
            case .string(let text): color = Color(text)
            case .integer(let index) where (0...255).contains(index): color = .indexed(UInt8(index))
            default: color = nil
            }
            guard let color else {
                throw ThemeError(theme: theme, message: "\(section).\(key): not a colour (use \"#rrggbb\", 0-255, a name or \"default\")")
            }
            result[role] = color
        }
        return result
    }
}

/// A theme that could not be loaded, with the reason shown to the user.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var theme: String
    public var message: String
    public init(theme: String, message: String) {
        self.theme = theme
        self.message = message
    }
    public var description: String { "theme '\(theme)': \(message)" }
}
