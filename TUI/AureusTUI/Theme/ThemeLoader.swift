import Foundation

/// Finds and loads theme files: user themes first, then the built-in themes directory.
///
/// User themes live in `$XDG_CONFIG_HOME/aureus/themes` (default `~/.config/aureus/themes`,
/// btop's convention) and may shadow a built-in of the same name. Built-ins are searched in
/// `$AUREUS_THEMES_DIR`, `<bin>/../share/aureus/themes`, `<bin>/themes`, the repository's
/// `themes/` (for `swift run`) and `./themes`. `--theme` may also name a `.toml` path directly.
///
/// ```swift
/// let loader = ThemeLoader.standard(environment: ProcessInfo.processInfo.environment,
///                                   executablePath: CommandLine.arguments.first)
/// let theme = (try? loader.load(options.theme ?? "default")) ?? .fallback
/// ```
public struct ThemeLoader: Sendable {
    public var builtInDirectories: [String]
    public var userDirectory: String?

    public init(builtInDirectories: [String], userDirectory: String?) {
        self.builtInDirectories = builtInDirectories
        self.userDirectory = userDirectory
    }

    /// The user theme directory for an environment (nil without HOME or XDG_CONFIG_HOME).
    public static func userThemesDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/aureus/themes" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/aureus/themes"
    }

    public static func standard(environment: [String: String], executablePath: String?) -> ThemeLoader {
        var directories: [String] = []
        if let explicit = environment["AUREUS_THEMES_DIR"], !explicit.isEmpty { directories.append(explicit) }
        if let executablePath {
            let binary = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            directories.append(binary.appendingPathComponent("../share/aureus/themes").standardized.path)
            directories.append(binary.appendingPathComponent("themes").path)
            // .build/<config>/aureus → repository root (swift run, tests)
            directories.append(binary.appendingPathComponent("../../themes").standardized.path)
            directories.append(binary.appendingPathComponent("../../../themes").standardized.path)
        }
        directories.append(FileManager.default.currentDirectoryPath + "/themes")
        return ThemeLoader(builtInDirectories: directories, userDirectory: userThemesDirectory(environment: environment))
    }

    private var searchOrder: [String] { (userDirectory.map { [$0] } ?? []) + builtInDirectories }

    /// Names of every theme found, without duplicates, sorted.
    public func availableThemes() -> [String] {
        var names = Set<String>()
        for directory in searchOrder {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }

    /// The file a theme name refers to, or nil when none exists.
    public func path(for name: String) -> String? {
        if name.hasSuffix(".toml") || name.contains("/") {
            return FileManager.default.fileExists(atPath: name) ? name : nil
        }
        for directory in searchOrder {
            let candidate = directory + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Loads the theme called `name` (or at that path).
    public func load(_ name: String) throws(ThemeError) -> Theme {
        guard name.allSatisfy({ $0 != "\0" }), let path = path(for: name) else {
            throw ThemeError(theme: name, message: "not found (available: \(availableThemes().joined(separator: ", ")))")
        }
        return try Self.load(path: path)
    }

    /// Loads one theme file; its base name is the fallback for a missing `name` key.
    public static func load(path: String) throws(ThemeError) -> Theme {
        let baseName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(theme: baseName, message: "cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(theme: baseName, message: "\(path) is not UTF-8")
        }
        return try Theme(parsing: text, fallbackName: baseName)
    }
}
