import AureusCore

/// The statements typed in the REPL, oldest first, with Up/Down recall.
///
/// The host keeps it in `$XDG_STATE_HOME/aureus/repl_history` (see `ReplHistory.encode`); the
/// model asks it to save with `ReplRequest.saveHistory` after each new entry. The cap keeps
/// the file and the memory bounded however long the REPL is used.
public struct ReplHistory: Hashable, Sendable {
    public static let defaultCapacity = 1000

    public private(set) var entries: [String]
    public let capacity: Int
    /// The entry shown while recalling (Up/Down), nil while editing a fresh line.
    public private(set) var position: Int?
    /// The unfinished text that was in the buffer when recall started, given back by Down.
    private var draft = ""

    public init(_ entries: [String] = [], capacity: Int = ReplHistory.defaultCapacity) {
        self.capacity = max(1, capacity)
        self.entries = Array(entries.suffix(self.capacity))
    }

    /// Records a submitted entry; an empty one or a repeat of the newest is not kept twice.
    /// Returns whether the list changed (and so must be saved).
    @discardableResult
    public mutating func add(_ entry: String) -> Bool {
        position = nil
        draft = ""
        let trimmed = entry.trimmingWhitespace()
        guard !trimmed.isEmpty, entries.last != trimmed else { return false }
        entries.append(trimmed)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        return true
    }

    /// The entry before the one shown (Up); `current` is the buffer, kept to come back to.
    public mutating func previous(current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        if position == nil { draft = current }
        let target = (position ?? entries.count) - 1
        guard target >= 0 else { return nil }
        position = target
        return entries[target]
    }

    /// The entry after the one shown (Down), or the saved draft past the newest.
    public mutating func next() -> String? {
        guard let current = position else { return nil }
        if current + 1 < entries.count {
            position = current + 1
            return entries[current + 1]
        }
        position = nil
        return draft
    }

    /// Stops recalling (the user edited or cleared the buffer).
    public mutating func resetPosition() {
        position = nil
        draft = ""
    }
}

extension ReplHistory {
    /// The history file's text: one entry per line, with `\` written `\\` and a newline inside
    /// a multi-line statement written `\n`, so every line of the file is one whole entry and a
    /// truncated write loses at most the last one.
    public static func encode(_ entries: [String]) -> String {
        entries.map { entry in
            var line = ""
            for character in entry {
                switch character {
                case "\\": line += "\\\\"
                case "\n": line += "\\n"
                case "\r", "\r\n": continue
                default: line.append(character)
                }
            }
            return line + "\n"
        }.joined()
    }

    /// Reads what `encode` wrote; unknown escapes are kept as written, empty lines skipped.
    public static func decode(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { line in
            var entry = ""
            var escaped = false
            for character in line {
                if escaped {
                    switch character {
                    case "n": entry += "\n"
                    case "\\": entry += "\\"
                    default: entry += "\\" + String(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    entry.append(character)
                }
            }
            if escaped { entry += "\\" }
            return entry
        }
    }
}
