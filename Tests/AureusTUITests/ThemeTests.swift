import Foundation
import Testing

@testable import AureusTUI

@Suite struct ThemeTests {
    static let shipped = ["default", "light", "high-contrast", "monochrome"]

    @Test func everyThemeFileLoadsAndDefinesItsName() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.themesDirectory).filter { $0.hasSuffix(".toml") }
        #expect(Set(Self.shipped).isSubset(of: Set(files.map { String($0.dropLast(5)) })))
        for file in files {
            let theme = try ThemeLoader.load(path: Fixtures.themesDirectory + "/" + file)
            #expect(theme.name + ".toml" == file)
            #expect(!theme.summary.isEmpty, "\(file) needs a description")
            for role in ThemeRole.allCases {
                for capability in ColorCapability.allCases {
                    let resolved = theme.resolve(Style(role, on: role), capability: capability)
                    if capability == .monochrome {
                        #expect(resolved.foreground == .terminalDefault && resolved.background == .terminalDefault)
                    }
                    if capability == .ansi16, case .indexed(let index) = resolved.foreground { #expect(index < 16) }
                    if capability == .xterm256, case .rgb = resolved.foreground { Issue.record("\(file) \(role): rgb at 256") }
                }
            }
        }
    }

    @Test func colouredThemesGiveEveryRoleAForeground() throws {
        for name in ["default", "light", "high-contrast"] {
            let theme = try Fixtures.theme(name)
            for role in ThemeRole.allCases where role != .background {
                #expect(theme.foregroundColor(role) != .terminalDefault, "\(name).\(role.rawValue)")
            }
        }
    }

    @Test func colourParsing() {
        #expect(Color("#ff8000") == .rgb(255, 128, 0))
        #expect(Color("#FF8000") == .rgb(255, 128, 0))
        #expect(Color("red") == .indexed(1))
        #expect(Color("bright_blue") == .indexed(12))
        #expect(Color("208") == .indexed(208))
        #expect(Color("default") == .terminalDefault)
        #expect(Color("#ff80") == nil)
        #expect(Color("256") == nil)
        #expect(Color("mauve") == nil)
        #expect(Color.rgb(1, 2, 255).description == "#0102ff")
    }

    @Test func downgradeMath() {
        #expect(ColorDowngrade.nearest256(255, 0, 0) == 196)
        #expect(ColorDowngrade.nearest256(0, 0, 0) == 16)
        #expect(ColorDowngrade.nearest256(255, 255, 255) == 231)
        #expect(ColorDowngrade.nearest256(128, 128, 128) == 244)
        #expect(ColorDowngrade.nearest256(0x5f, 0xd7, 0xff) == 81)
        #expect(ColorDowngrade.nearest16(250, 10, 10) == 9)
        #expect(ColorDowngrade.nearest16(200, 0, 0) == 1)
        #expect(ColorDowngrade.nearest16(0x1c, 0x3a, 0x5a) == 0)
        #expect(ColorDowngrade.rgb(ofIndex: 196) == (255, 0, 0))
        #expect(ColorDowngrade.rgb(ofIndex: 232) == (8, 8, 8))
        #expect(ColorDowngrade.downgrade(.indexed(196), to: .ansi16) == .indexed(9))
        #expect(ColorDowngrade.downgrade(.indexed(196), to: .xterm256) == .indexed(196))
        #expect(ColorDowngrade.downgrade(.rgb(1, 2, 3), to: .truecolor) == .rgb(1, 2, 3))
        #expect(ColorDowngrade.downgrade(.terminalDefault, to: .ansi16) == .terminalDefault)
        #expect(ColorDowngrade.downgrade(.rgb(255, 0, 0), to: .monochrome) == nil)
        // Every cube colour maps back to itself.
        for index in UInt8(16)...UInt8(255) {
            let (r, g, b) = ColorDowngrade.rgb(ofIndex: index)
            #expect(ColorDowngrade.rgb(ofIndex: ColorDowngrade.nearest256(r, g, b)) == (r, g, b))
        }
    }

    @Test func capabilityDetection() {
        #expect(ColorCapability.detect(environment: ["NO_COLOR": "1"], colors: 256) == .monochrome)
        #expect(ColorCapability.detect(environment: ["NO_COLOR": ""], colors: 256) == .xterm256)
        #expect(ColorCapability.detect(environment: ["COLORTERM": "truecolor"], colors: 256) == .truecolor)
        #expect(ColorCapability.detect(environment: ["COLORTERM": "24bit"], colors: 8) == .ansi16)
        #expect(ColorCapability.detect(environment: [:], colors: 0x100_0000) == .truecolor)
        #expect(ColorCapability.detect(environment: [:], colors: 8) == .ansi16)
        #expect(ColorCapability.detect(environment: [:], colors: 0) == .monochrome)
    }

    @Test func monochromeUsesAttributesInsteadOfColour() throws {
        let theme = try Fixtures.theme("default")
        let bar = theme.resolve(Style(.statusBar, on: .statusBar), capability: .monochrome)
        #expect(bar.attributes.contains(.reverse))
        let error = theme.resolve(Style(.error), capability: .monochrome)
        #expect(error.attributes.contains(.bold))
        let stale = theme.resolve(Style(.stale), capability: .monochrome)
        #expect(stale.attributes.contains(.dim))
        let coloured = theme.resolve(Style(.error), capability: .xterm256)
        #expect(coloured.foreground == .indexed(203))
        #expect(theme.resolve(Style(.text), capability: .truecolor).foreground == .rgb(0xd0, 0xd0, 0xd0))
    }

    @Test func partialThemesInheritAlongFallbacks() throws {
        let theme = try Theme(parsing: "[colors]\naccent = \"red\"\nok = 2\n", fallbackName: "mine")
        #expect(theme.name == "mine")
        #expect(theme.foregroundColor(.focusBorder) == .indexed(1))
        #expect(theme.foregroundColor(.riskLow) == .indexed(2))
        #expect(theme.foregroundColor(.text) == .terminalDefault)
        #expect(theme.border == .rounded)
    }

    @Test(arguments: [
        ("[colors]\nsparkle = \"red\"", "colors.sparkle is not a theme role"),
        ("[colors]\ntext = \"#12\"", "colors.text: not a colour"),
        ("[colors]\ntext = 300", "colors.text: not a colour"),
        ("border = \"wavy\"", "border must be one of"),
        ("[attributes]\ntitle = \"bold\"", "attributes.title must be an array"),
        ("[attributes]\ntitle = [\"blink\"]", "unknown attribute"),
        ("name = \n", "line 1, column 8"),
    ])
    func badThemesExplainThemselves(text: String, fragment: String) {
        do {
            _ = try Theme(parsing: text, fallbackName: "bad")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.contains(fragment), "\(error.description)")
        }
    }

    @Test func loaderPrefersUserThemesAndReportsMissingOnes() throws {
        let user = FileManager.default.temporaryDirectory.appendingPathComponent("aureus-themes-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: user, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: user) }
        try "name = \"default\"\ndescription = \"mine\"\n".write(toFile: user + "/default.toml", atomically: true, encoding: .utf8)
        try "description = \"extra\"\n".write(toFile: user + "/extra.toml", atomically: true, encoding: .utf8)
        let loader = ThemeLoader(builtInDirectories: [Fixtures.themesDirectory], userDirectory: user)
        #expect(try loader.load("default").summary == "mine")
        #expect(try loader.load("extra").name == "extra")
        #expect(try loader.load("light").name == "light")
        #expect(loader.availableThemes().starts(with: ["default", "extra"]))
        #expect(throws: ThemeError.self) { try loader.load("nope") }
        #expect(try loader.load(Fixtures.themesDirectory + "/monochrome.toml").name == "monochrome")
    }

    @Test func userThemesDirectoryFollowsXDG() {
        #expect(ThemeLoader.userThemesDirectory(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"]) == "/x/cfg/aureus/themes")
        #expect(ThemeLoader.userThemesDirectory(environment: ["HOME": "/home/u"]) == "/home/u/.config/aureus/themes")
        #expect(ThemeLoader.userThemesDirectory(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/aureus/themes")
        #expect(ThemeLoader.userThemesDirectory(environment: [:]) == nil)
    }
}
