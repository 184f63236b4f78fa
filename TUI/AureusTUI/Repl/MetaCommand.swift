import AureusCore

/// A backslash command typed at the REPL prompt, psql style (`\x`, `\d users`, `\o out.csv`).
///
/// Parsing is separate from running so every spelling, argument and error message is tested
/// on its own; `ReplModel.run(_:)` does what a parsed command asks.
public enum MetaCommand: Hashable, Sendable {
    /// `\x [on|off|auto]`; nil toggles between on and off.
    case expanded(ExpandedMode?)
    /// `\d [dataset]`: describe one dataset, or list them all.
    case describe(String?)
    /// `\dt`: list the datasets.
    case listDatasets
    /// `\timing [on|off]`; nil toggles.
    case timing(Bool?)
    /// `\o FILE`: re-run the last query and write every row to FILE (.json → JSON, else CSV).
    case output(path: String)
    /// `\ask QUESTION`: propose SQL with the local model.
    case ask(String)
    case quit
    case help

    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Parses a line that starts with `\` (surrounding spaces and a trailing `;` are ignored).
    public static func parse(_ line: String) -> Result<MetaCommand, ParseError> {
        var text = line.trimmingWhitespace()
        while text.hasSuffix(";") { text = String(text.dropLast()).trimmingWhitespace() }
        let parts = text.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        let name = parts.first.map(String.init) ?? ""
        let argument = parts.count > 1 ? String(parts[1]).trimmingWhitespace() : ""
        func failure(_ text: String) -> Result<MetaCommand, ParseError> { .failure(ParseError(description: text)) }
        switch name {
        case "\\x":
            if argument.isEmpty { return .success(.expanded(nil)) }
            guard let mode = ExpandedMode(argument: argument) else { return failure("\\x: expected on, off or auto, not '\(argument)'") }
            return .success(.expanded(mode))
        case "\\d", "\\d+":
            return .success(.describe(argument.isEmpty ? nil : argument))
        case "\\dt", "\\dt+":
            return .success(.listDatasets)
        case "\\timing":
            switch argument.lowercased() {
            case "": return .success(.timing(nil))
            case "on": return .success(.timing(true))
            case "off": return .success(.timing(false))
            default: return failure("\\timing: expected on or off, not '\(argument)'")
            }
        case "\\o":
            guard !argument.isEmpty else { return failure("\\o needs a file: \\o result.csv (or .json)") }
            return .success(.output(path: argument))
        case "\\ask":
            guard !argument.isEmpty else { return failure("\\ask needs a question: \\ask how many users signed up today?") }
            return .success(.ask(argument))
        case "\\q", "\\quit": return .success(.quit)
        case "\\?", "\\h", "\\help": return .success(.help)
        default:
            return failure("invalid command \(Sanitizer.clean(String(name.prefix(40)))); try \\? for help")
        }
    }
}

/// How results are laid out: a table, one block per record (`\x`), or a block per record
/// only when the table would be wider than the screen (`\x auto`, psql's rule).
public enum ExpandedMode: String, Hashable, Sendable {
    case off
    case on
    case auto

    init?(argument: String) {
        switch argument.lowercased() {
        case "on", "true", "1": self = .on
        case "off", "false", "0": self = .off
        case "auto": self = .auto
        default: return nil
        }
    }
}
