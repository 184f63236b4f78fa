import AureusProtocol
import Foundation
import Testing

/// docs/protocol.md is the contract client authors read; it must list exactly the methods in
/// `RPCMethods.all`, each with the access rule and audit flag the server enforces.
///
/// Method sections are the `### \`name\`` headings under `## Methods`; each states
/// `Minimum role: <role>` or `Access: anyone`, and `Audited: yes|no` (Markdown emphasis is ignored).
@Suite struct ProtocolDocumentationTests {
    struct Section {
        let name: String
        let line: Int
        let body: [String]
    }

    /// Tests/AureusProtocolTests/<this file> → package root → docs/protocol.md.
    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/protocol.md")

    static func loadSections() throws -> [Section] {
        let text = try String(contentsOf: documentURL, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var sections: [Section] = []
        var inMethods = false
        var current: (name: String, line: Int, body: [String])?
        var inFence = false
        func close() {
            if let open = current { sections.append(Section(name: open.name, line: open.line, body: open.body)) }
            current = nil
        }
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("```") { inFence.toggle() }
            if inFence {
                current?.body.append(line)
                continue
            }
            if line.hasPrefix("## ") || line.hasPrefix("# ") {
                close()
                inMethods = line.trimmingCharacters(in: .whitespaces) == "## Methods"
            } else if line.hasPrefix("### ") {
                close()
                if inMethods, let name = backticked(in: line) { current = (name, index + 1, []) }
            } else {
                current?.body.append(line)
            }
        }
        close()
        return sections
    }

    /// The first `code span` in a line.
    static func backticked(in line: String) -> String? {
        let parts = line.split(separator: "`", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }

    /// A body line without Markdown emphasis, e.g. "**Minimum role:** `admin`" → "Minimum role: admin".
    static func plain(_ line: String) -> String {
        line.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "_", with: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    @Test func documentExists() {
        #expect(FileManager.default.fileExists(atPath: Self.documentURL.path), "missing \(Self.documentURL.path)")
    }

    @Test func everyMethodIsDocumented() throws {
        let documented = Set(try Self.loadSections().map(\.name))
        for spec in RPCMethods.all where !documented.contains(spec.name) {
            Issue.record("docs/protocol.md has no section \"### `\(spec.name)`\" under \"## Methods\"")
        }
    }

    @Test func everyDocumentedMethodExists() throws {
        for section in try Self.loadSections() where RPCMethods.spec(named: section.name) == nil {
            Issue.record("docs/protocol.md:\(section.line) documents `\(section.name)`, which is not in RPCMethods.all")
        }
    }

    @Test func methodsAreDocumentedOnce() throws {
        let names = try Self.loadSections().map(\.name)
        for name in Set(names) where names.filter({ $0 == name }).count > 1 {
            Issue.record("docs/protocol.md documents `\(name)` more than once")
        }
    }

    @Test func accessMatchesTheTable() throws {
        for section in try Self.loadSections() {
            guard let spec = RPCMethods.spec(named: section.name) else { continue }
            let stated = section.body.map(Self.plain).filter { $0.hasPrefix("Minimum role:") || $0.hasPrefix("Access:") }
            let expected = spec.minimumRole.map { "Minimum role: \($0.rawValue)" } ?? "Access: anyone"
            if stated.count != 1 || stated[0].lowercased() != expected.lowercased() {
                Issue.record("docs/protocol.md:\(section.line) `\(spec.name)` must state exactly \"\(expected)\"; found \(stated)")
            }
        }
    }

    @Test func auditFlagMatchesTheTable() throws {
        for section in try Self.loadSections() {
            guard let spec = RPCMethods.spec(named: section.name) else { continue }
            let stated = section.body.map(Self.plain).filter { $0.hasPrefix("Audited:") }
            let expected = "Audited: " + (spec.audited ? "yes" : "no")
            if stated.count != 1 || !stated[0].lowercased().hasPrefix(expected.lowercased()) {
                Issue.record("docs/protocol.md:\(section.line) `\(spec.name)` must state \"\(expected)\"; found \(stated)")
            }
        }
    }

    @Test func everyErrorCodeIsDocumented() throws {
        let text = try String(contentsOf: Self.documentURL, encoding: .utf8)
        for code in RPCErrorCode.all {
            let row = text.split(separator: "\n").first { $0.hasPrefix("|") && $0.contains("\(code.code)") && $0.contains("`\(code.name)`") }
            if row == nil { Issue.record("docs/protocol.md has no error-table row with \(code.code) and `\(code.name)`") }
        }
    }

    @Test func everyTopicIsDocumented() throws {
        let text = try String(contentsOf: Self.documentURL, encoding: .utf8)
        for topic in Topic.allCases where !text.contains("`\(topic.rawValue)`") {
            Issue.record("docs/protocol.md does not mention topic `\(topic.rawValue)`")
        }
    }

    @Test func parserFindsSectionsOnlyUnderMethods() {
        #expect(Self.backticked(in: "### `auth.login`") == "auth.login")
        #expect(Self.backticked(in: "### Transport") == nil)
        #expect(Self.plain("**Minimum role:** `admin`") == "Minimum role: admin")
    }
}
