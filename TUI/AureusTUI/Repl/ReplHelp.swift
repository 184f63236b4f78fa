/// The `\?` text: the meta-commands, then the REPL's keys generated from the key map, so the
/// help cannot drift from what the keys do.
public enum ReplHelp {
    public static let metaCommands: [(name: String, help: String)] = [
        ("\\d [DATASET]", "describe a dataset (columns, PII masking, DDL); without a name, list them"),
        ("\\dt", "list the datasets you may query"),
        ("\\x [on|off|auto]", "expanded display: one block per record (auto: when wider than the screen)"),
        ("\\timing [on|off]", "show server and round-trip time under results"),
        ("\\o FILE", "run the last query again and write every row to FILE (.json: JSON, else CSV)"),
        ("\\ask QUESTION", "propose SQL for a question with the local model; Enter runs it"),
        ("\\q", "leave the REPL (also Esc or F2)"),
        ("\\?", "this help"),
    ]

    public static func lines(keyMap: KeyMap) -> [String] {
        var lines = ["SQL: one read-only statement, ended with ; (Enter before the ; starts a new line).", "", "Meta-commands"]
        for command in metaCommands {
            lines.append("  " + TextWidth.fit(command.name, to: 18) + " " + command.help)
        }
        for context in [KeyContext.repl, .result] {
            lines.append("")
            lines.append(context.title)
            for binding in keyMap.bindings where binding.context == context {
                lines.append("  " + TextWidth.fit(binding.keyText, to: 18) + " " + binding.help)
            }
        }
        return lines
    }

    /// What an empty REPL shows.
    public static let welcome = [
        "Type SQL and end it with ; to run it.",
        "\\dt lists datasets · \\d NAME describes one · \\ask QUESTION proposes SQL · \\? help",
        "Tab completes · ↑/↓ history · ^R searches it · S-Tab scrolls the result · Esc or F2 leaves",
    ]
}
